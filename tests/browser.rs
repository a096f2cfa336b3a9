//! The HTML report in a real browser: Debian's headless `chromium` loads the Rubio page,
//! takes a screenshot, and a probe script appended to a copy of the page records into the
//! DOM (read back with `--dump-dom`) whether aligned rows sit side by side (bounding boxes)
//! on a wide window and stack on a phone-sized one, whether each filter shows exactly its
//! rows, and whether the page made any request (`performance.getEntriesByType('resource')`).
//!
//! Without chromium the test prints why and passes, except under `CI=true`, where it fails.
//! `PARALLAX_UPDATE_SCREENSHOT=1` also copies the screenshot to docs/screenshot-rubio.png.

mod common;

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use parallax::render::{Format, Row, rows};

/// `chromium` (or `chromium-browser`) on the PATH.
fn chromium() -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .flat_map(|d| ["chromium", "chromium-browser"].map(|n| d.join(n)))
        .find(|p| p.is_file())
}

/// Runs headless chromium with the flags the issue names and a fresh profile; returns
/// stdout. Kills it if it has not finished after two minutes (a hung browser must not hang
/// the suite); that is a guard, not a timing assertion.
fn run(bin: &Path, profile: &Path, extra: &[String], url: &str) -> String {
    let mut child = Command::new(bin)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--no-first-run",
            "--disable-component-update",
            "--disable-sync",
            "--hide-scrollbars",
        ])
        .arg(format!("--user-data-dir={}", profile.display()))
        .args(extra)
        .arg(url)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("chromium starts");
    let deadline = Instant::now() + Duration::from_secs(120);
    loop {
        if child.try_wait().expect("wait").is_some() {
            break;
        }
        if Instant::now() > deadline {
            let _ = child.kill();
            panic!("chromium did not finish within two minutes");
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    let out = child.wait_with_output().expect("chromium output");
    assert!(out.status.success(), "chromium failed: {:?}", out.status);
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// Measures the first comparison and exercises its filters; the result is JSON in
/// `<pre id="probe">`. Runs after the page's own script, which wires the filters.
const PROBE: &str = r#"<script>
(function(){
  var sec=document.querySelector('.comparison');
  var rows=function(){return Array.prototype.slice.call(sec.querySelectorAll('.row[data-kind]'));};
  var box=function(e){return e.getBoundingClientRect();};
  var shown=function(){return rows().filter(function(r){return box(r).height>0;});};
  var layout=function(){
    var side=0, stacked=0, n=0;
    rows().forEach(function(r){
      var l=box(r.querySelector('.left')), g=box(r.querySelector('.right'));
      n++;
      if(Math.abs(l.top-g.top)<2 && l.right<=g.left && l.width>150 && g.width>150){side++;}
      if(l.bottom<=g.top+1 && Math.abs(l.left-g.left)<2){stacked++;}
    });
    return {rows:n, side_by_side:side, stacked:stacked};
  };
  var res={layout:layout(), shown:{}, kinds_ok:{}};
  ['omitted','reframed','contradicted','all'].forEach(function(f){
    sec.querySelector('button[data-filter="'+f+'"]').click();
    var s=shown();
    res.shown[f]=s.length;
    res.kinds_ok[f]=s.every(function(r){return f==='all'||r.getAttribute('data-kind')===f;});
  });
  res.resources=performance.getEntriesByType('resource').length;
  res.violations=window.__violations||0;
  res.csp=!!document.querySelector('meta[http-equiv="Content-Security-Policy"]');
  var pre=document.createElement('pre');
  pre.id='probe';
  pre.textContent=JSON.stringify(res);
  document.body.appendChild(pre);
})();
</script>"#;

/// Counts requests the CSP blocked; goes first in `<head>` so it sees every element.
const LISTENER: &str = "<script>window.__violations=0;document.addEventListener('securitypolicyviolation',\
function(){window.__violations++;});</script>";

fn probe(dump: &str) -> serde_json::Value {
    let start = dump
        .find("<pre id=\"probe\">")
        .unwrap_or_else(|| panic!("the probe ran and wrote its result:\n{dump}"))
        + "<pre id=\"probe\">".len();
    let end = start + dump[start..].find("</pre>").expect("closing tag");
    serde_json::from_str(&dump[start..end]).expect("probe JSON")
}

#[test]
fn report_page_in_headless_chromium() {
    let Some(bin) = chromium() else {
        let msg = "browser test skipped: chromium not found on PATH (apt-get install chromium)";
        if std::env::var("CI").is_ok_and(|v| v == "true") {
            panic!("{msg}; CI=true requires it");
        }
        eprintln!("{msg}");
        return;
    };
    let report = common::report(&common::documents(&common::case("rubio-sudani-call")));
    let page = common::render(&report, Format::Html);
    let c = &report.comparisons[0];
    let all = rows(c);
    let omitted = all
        .iter()
        .filter(|r| matches!(r, Row::OnlyLeft(_) | Row::OnlyRight(_)))
        .count();

    let dir = tempfile::tempdir().unwrap();
    let page_path = dir.path().join("rubio.html");
    std::fs::write(&page_path, &page).unwrap();
    let probed = page
        .replacen("<head>", &format!("<head>\n{LISTENER}"), 1)
        .replace("</body>", &format!("{PROBE}\n</body>"));
    let probe_path = dir.path().join("probe.html");
    std::fs::write(&probe_path, probed).unwrap();
    let url = |p: &Path| format!("file://{}", p.display());

    // Screenshot of the real page.
    let shot = dir.path().join("shot.png");
    run(
        &bin,
        &dir.path().join("profile-shot"),
        &[
            // Tall enough for the whole Rubio page.
            "--window-size=1280,2400".into(),
            format!("--screenshot={}", shot.display()),
        ],
        &url(&page_path),
    );
    let png = std::fs::read(&shot).expect("screenshot written");
    assert!(png.starts_with(b"\x89PNG\r\n\x1a\n"), "a PNG");
    assert!(png.len() > 20_000, "not a blank page: {} bytes", png.len());
    if std::env::var("PARALLAX_UPDATE_SCREENSHOT").is_ok_and(|v| v == "1") {
        std::fs::write("docs/screenshot-rubio.png", &png).unwrap();
    }

    // Wide window: every row's two sides sit next to each other.
    let wide = probe(&run(
        &bin,
        &dir.path().join("profile-wide"),
        &["--window-size=1280,2000".into(), "--dump-dom".into()],
        &url(&probe_path),
    ));
    let n = all.len() as u64;
    assert_eq!(wide["layout"]["rows"], n, "{wide}");
    assert_eq!(wide["layout"]["side_by_side"], n, "{wide}");
    assert_eq!(wide["shown"]["all"], n, "{wide}");
    assert_eq!(wide["shown"]["omitted"], omitted as u64, "{wide}");
    assert_eq!(
        wide["shown"]["reframed"], c.summary.reframed as u64,
        "{wide}"
    );
    assert_eq!(
        wide["shown"]["contradicted"], c.summary.contradicted as u64,
        "{wide}"
    );
    assert!(
        omitted > 0 && omitted < all.len(),
        "the filter has something to hide"
    );
    for f in ["omitted", "reframed", "contradicted", "all"] {
        assert_eq!(wide["kinds_ok"][f], true, "{f}: {wide}");
    }
    assert_eq!(wide["resources"], 0, "no request: {wide}");
    assert_eq!(wide["violations"], 0, "nothing even tried: {wide}");
    assert_eq!(wide["csp"], true, "{wide}");

    // Control: the probe does see a request when the page makes one (an image from a
    // documentation address), blocked by the CSP.
    let control = std::fs::read_to_string(&probe_path).unwrap().replace(
        "</main>",
        "<img src=\"http://192.0.2.1/pixel.png\" alt=\"\"></main>",
    );
    let control_path = dir.path().join("control.html");
    std::fs::write(&control_path, control).unwrap();
    let ctl = probe(&run(
        &bin,
        &dir.path().join("profile-control"),
        &["--window-size=1280,2000".into(), "--dump-dom".into()],
        &url(&control_path),
    ));
    assert!(
        ctl["violations"].as_u64() > Some(0) || ctl["resources"].as_u64() > Some(0),
        "the probe notices a request: {ctl}"
    );

    // Phone-sized window: the two sides stack.
    let narrow = probe(&run(
        &bin,
        &dir.path().join("profile-narrow"),
        &["--window-size=390,3000".into(), "--dump-dom".into()],
        &url(&probe_path),
    ));
    assert_eq!(narrow["layout"]["stacked"], n, "{narrow}");
    assert_eq!(narrow["layout"]["side_by_side"], 0, "{narrow}");
}
