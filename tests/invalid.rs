//! Malformed specs: each gives a located, clear error and is never accepted. Every file or directory
//! under tests/fixtures/invalid/ is one case, with `// expect: CODE` comments at the error's line,
//! and a snapshot of what the user sees. In a spec directory's `hjemmel.toml` the comment is written
//! inside a TOML comment: `# // expect: unknown-rule`.

mod support;

#[test]
fn invalid_specs_are_rejected_with_located_errors() {
    insta::glob!("fixtures/invalid/*", |path| {
        let name = support::relative(path);
        let checked = support::check(std::path::Path::new(&name));
        assert!(
            !checked.understood,
            "{name} must be rejected, but was accepted:\n{}",
            checked.render(&name)
        );
        assert!(
            checked.diagnostics.iter().all(|d| d.primary.is_some()),
            "{name}: every error must point at a place in the spec"
        );
        checked.assert_expectations(&name);
        insta::assert_snapshot!(checked.render(&name));
    });
}

#[test]
fn no_snapshot_outlives_its_fixture() {
    let orphans = support::orphaned_snapshots(
        "invalid__invalid_specs_are_rejected_with_located_errors@",
        "tests/fixtures/invalid",
    );
    assert!(
        orphans.is_empty(),
        "delete these snapshots, their fixtures are gone: {orphans:#?}"
    );
}
