//! Unit tests of the colour and width decisions in `app.rs`, kept in their own file so that
//! subcommands added to `app.rs` on other branches merge without touching them.

use crate::app::{use_color, width};
use crate::args::ColorArg;
use crate::env::Env;

fn env(tty: bool, no_color: bool, dumb: bool) -> Env {
    Env {
        no_color,
        term_dumb: dumb,
        stdout_tty: tty,
        ..Env::default()
    }
}

#[test]
fn colour_only_on_a_terminal_unless_forced() {
    assert!(use_color(ColorArg::Auto, &env(true, false, false)));
    assert!(!use_color(ColorArg::Auto, &env(false, false, false)));
    assert!(
        !use_color(ColorArg::Auto, &env(true, true, false)),
        "NO_COLOR"
    );
    assert!(
        !use_color(ColorArg::Auto, &env(true, false, true)),
        "TERM=dumb"
    );
    assert!(use_color(ColorArg::Always, &env(false, true, false)));
    assert!(!use_color(ColorArg::Never, &env(true, false, false)));
}

#[test]
fn width_prefers_flag_then_terminal_then_columns() {
    let mut e = Env::default();
    assert_eq!(width(None, &e), 100);
    e.columns = Some(80);
    assert_eq!(width(None, &e), 80);
    e.terminal_width = Some(120);
    assert_eq!(width(None, &e), 120);
    assert_eq!(width(Some(60), &e), 60);
    e.terminal_width = Some(10);
    assert_eq!(width(None, &e), 40, "never narrower than 40");
}
