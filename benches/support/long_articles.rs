//! Two ~5,000-word articles about one event, generated deterministically for the compare
//! benchmark (`benches/compare.rs`) and for `cargo run --example gen_long` (peak-memory
//! measurement). Nothing random at run time: a fixed-seed xorshift drives every choice.
//!
//! The left article is built from news-style templates filled from small vocabularies, so
//! that sentences are mostly distinct, as in real reporting. The right article keeps most
//! of them, in a partly shuffled order, rewords some (speech verb, hedge, number), drops
//! some and adds its own, like a second outlet's report of the same event.

/// Fixed-seed xorshift64*.
pub struct Rng(u64);

impl Rng {
    /// A generator with a fixed seed.
    pub fn new(seed: u64) -> Self {
        Rng(seed.max(1))
    }
    /// Next value.
    pub fn next_u64(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        x.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    /// A value in `0..n`.
    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n as u64) as usize
    }
    /// One element of `items`.
    pub fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }
}

const SUBJECTS: &[&str] = &[
    "Prime Minister Mohammed Shia al-Sudani",
    "Secretary of State Marco Rubio",
    "The Iraqi foreign ministry",
    "A government spokesman",
    "The U.S. Embassy in Baghdad",
    "Lt. Gen. Kevin Leahy",
    "The Kurdistan Regional Government",
    "Officials in Erbil",
    "The coalition command",
    "Members of parliament",
    "The oil ministry",
    "Local officials in Basra",
];
const VERBS: &[&str] = &[
    "said",
    "stressed",
    "urged",
    "warned",
    "noted",
    "insisted",
    "announced",
    "reiterated",
];
const TOPICS: &[&str] = &[
    "the drawdown of the U.S.-led coalition",
    "the disarmament of armed factions",
    "elections scheduled for November",
    "a $3.5 billion energy agreement",
    "electricity imports from Iran",
    "the reopening of the Kirkuk-Ceyhan pipeline",
    "reconstruction funds for Mosul",
    "border security near Sinjar",
    "salary payments to Kurdish civil servants",
    "drone attacks on gas fields",
    "the return of displaced families",
    "water shortages along the Euphrates",
];
const CLAUSES: &[&str] = &[
    "must proceed without delay",
    "would be discussed again next month",
    "remained a priority for both governments",
    "could not be settled by unilateral steps",
    "required closer coordination with Washington",
    "was on schedule despite recent attacks",
    "depended on the budget passed by parliament",
    "had been delayed by technical problems",
];
const PLACES: &[&str] = &[
    "in Baghdad",
    "in Erbil",
    "in Washington",
    "in Basra",
    "in Mosul",
    "in Kirkuk",
];
const DAYS: &[&str] = &[
    "on Monday",
    "on Tuesday",
    "on Wednesday",
    "on Thursday",
    "on Oct. 21",
];

/// One generated sentence; `n` makes figures and sentences distinct.
fn sentence(rng: &mut Rng, n: usize) -> String {
    match rng.below(4) {
        0 => format!(
            "{} {} {} that {} {}.",
            rng.pick(SUBJECTS),
            rng.pick(VERBS),
            rng.pick(DAYS),
            rng.pick(TOPICS),
            rng.pick(CLAUSES)
        ),
        1 => format!(
            "{} {} {} that about {} people were affected by {}.",
            rng.pick(SUBJECTS),
            rng.pick(VERBS),
            rng.pick(PLACES),
            100 + (n % 5_000) * 7,
            rng.pick(TOPICS)
        ),
        2 => format!(
            "Talks {} on {} ended {}, and {} {} that the issue {}.",
            rng.pick(PLACES),
            rng.pick(TOPICS),
            rng.pick(DAYS),
            rng.pick(SUBJECTS).to_lowercase(),
            rng.pick(VERBS),
            rng.pick(CLAUSES)
        ),
        _ => format!(
            "According to {}, {} cost {} million dollars in {}.",
            rng.pick(SUBJECTS).to_lowercase(),
            rng.pick(TOPICS),
            10 + n % 90,
            2000 + n % 26
        ),
    }
}

/// Rewords a sentence the way a second outlet might.
fn reword(rng: &mut Rng, s: &str) -> String {
    match rng.below(3) {
        0 => {
            for v in VERBS {
                let needle = format!(" {v} ");
                if s.contains(&needle) {
                    let other = rng.pick(VERBS);
                    return s.replacen(&needle, &format!(" {other} "), 1);
                }
            }
            s.to_string()
        }
        1 => s.replacen(" that ", " that reportedly ", 1),
        _ => s
            .replacen("about ", "nearly ", 1)
            .replacen("million", "billion", 1),
    }
}

/// Two articles of about `words` words each: `(left, right)`.
pub fn articles(words: usize) -> (String, String) {
    let mut rng = Rng::new(0x5EED_CAFE);
    let mut left = Vec::new();
    let mut count = 0;
    while count < words {
        let s = sentence(&mut rng, left.len());
        count += s.split_whitespace().count();
        left.push(s);
    }
    let mut right: Vec<String> = Vec::new();
    for (i, s) in left.iter().enumerate() {
        match rng.below(20) {
            0..=2 => {}                                      // dropped: only in left
            3..=6 => right.push(reword(&mut rng, s)),        // reframed or contradicted
            7 => right.push(sentence(&mut rng, 10_000 + i)), // only in right
            _ => right.push(s.clone()),
        }
    }
    // Top up with the right outlet's own material to the same length.
    let mut n = 20_000;
    while right
        .iter()
        .map(|s| s.split_whitespace().count())
        .sum::<usize>()
        < words
    {
        let at = rng.below(right.len() + 1);
        right.insert(at, sentence(&mut rng, n));
        n += 1;
    }
    // Shuffle within windows of eight: reports keep the rough order, not the exact one.
    for chunk in right.chunks_mut(8) {
        for k in (1..chunk.len()).rev() {
            let j = rng.below(k + 1);
            chunk.swap(k, j);
        }
    }
    let para = |v: &[String]| {
        v.chunks(4)
            .map(|c| c.join(" "))
            .collect::<Vec<_>>()
            .join("\n\n")
            + "\n"
    };
    (para(&left), para(&right))
}
