//! The layout rules, one by one.

use super::format;

fn fmt(text: &str) -> String {
    let once = format(text).expect("parses");
    assert_eq!(format(&once).expect("parses"), once, "idempotent");
    once
}

#[test]
fn activity_values_start_in_one_column() {
    assert_eq!(
        fmt("activity a \"A\" {\npurpose \"p\"\n      data x,y\nbasis gdpr 6(1)(e),dbl 8(1)\ncctv\ncontrol measure \"m\"\nmonitoring \"m\"\n}\n"),
        "activity a \"A\" {\n  purpose  \"p\"\n  data     x, y\n  basis    gdpr 6(1)(e), dbl 8(1)\n  cctv\n  control measure \"m\"\n  monitoring \"m\"\n}\n"
    );
}
