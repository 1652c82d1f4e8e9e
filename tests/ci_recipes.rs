//! The CI recipes of docs/ci.md cannot drift from the tool: each YAML file parses, the GitHub
//! workflow and the GitLab jobs have the structure the docs describe, and every `hjemmel ...`
//! command in them is one the built binary accepts — its subcommand exists, each `--option` is one
//! of that subcommand's, and each value is one the option lists.

use std::collections::BTreeMap;
use std::path::Path;
use std::process::Command;

use yaml_rust2::{Yaml, YamlLoader};

const GITHUB: &str = "examples/ci/github-workflow.yml";
const GITLAB: &str = "examples/ci/gitlab-ci.yml";
const NOTICE: &str = "examples/ci/github-notice.yml";
const PRE_COMMIT_CONFIG: &str = "examples/ci/pre-commit-config.yaml";
const PRE_COMMIT_HOOKS: &str = ".pre-commit-hooks.yaml";

fn load(path: &str) -> Yaml {
    let text = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(path))
        .unwrap_or_else(|e| panic!("cannot read {path}: {e}"));
    let mut docs =
        YamlLoader::load_from_str(&text).unwrap_or_else(|e| panic!("{path} is not YAML: {e}"));
    assert_eq!(docs.len(), 1, "{path} holds one YAML document");
    docs.remove(0)
}

fn text<'a>(yaml: &'a Yaml, what: &str) -> &'a str {
    yaml.as_str()
        .unwrap_or_else(|| panic!("{what} is not a string: {yaml:?}"))
}

fn list<'a>(yaml: &'a Yaml, what: &str) -> &'a [Yaml] {
    yaml.as_vec()
        .unwrap_or_else(|| panic!("{what} is not a list: {yaml:?}"))
}

/// A command written in a recipe: where, and its words.
#[derive(Debug)]
struct Invocation {
    origin: String,
    words: Vec<String>,
}

/// Every `hjemmel ...` command in a shell script: the words after `hjemmel` up to the first shell
/// operator. `hjemmel` with nothing after it (`cargo install ... hjemmel`, `command -v hjemmel`) is
/// not a command.
fn invocations(script: &str, origin: &str) -> Vec<Invocation> {
    let joined = script.replace("\\\n", " ");
    let mut found = Vec::new();
    for line in joined.lines() {
        let words: Vec<&str> = line.split_whitespace().collect();
        for (i, word) in words.iter().enumerate() {
            if *word != "hjemmel" {
                continue;
            }
            let rest: Vec<String> = words[i + 1..]
                .iter()
                .take_while(|w| !is_operator(w))
                .map(|w| w.to_string())
                .collect();
            if rest.is_empty() {
                continue;
            }
            found.push(Invocation {
                origin: origin.to_string(),
                words: rest,
            });
        }
    }
    found
}

fn is_operator(word: &str) -> bool {
    matches!(word, "|" | "||" | "&&" | ";" | "&") || word.starts_with('>') || word.starts_with("2>")
}

/// The options of `hjemmel SUBCOMMAND` (or of `hjemmel` itself), from its `-h`: whether each takes a
/// value, and the values it lists when it lists them.
fn options(subcommand: Option<&str>) -> BTreeMap<String, (bool, Vec<String>)> {
    let output = Command::new(env!("CARGO_BIN_EXE_hjemmel"))
        .args(subcommand)
        .arg("-h")
        .output()
        .expect("the hjemmel binary runs");
    assert!(
        output.status.success(),
        "`hjemmel {} -h` fails: is `{0}` a subcommand?\n{}",
        subcommand.unwrap_or(""),
        String::from_utf8_lossy(&output.stderr)
    );
    let help = String::from_utf8(output.stdout).expect("UTF-8 help");
    let mut found = BTreeMap::new();
    for line in help
        .lines()
        .map(str::trim_start)
        .filter(|l| l.starts_with('-'))
    {
        let words: Vec<&str> = line.split_whitespace().collect();
        let Some(at) = words.iter().position(|w| w.starts_with("--")) else {
            continue;
        };
        let name = words[at].trim_end_matches(',').to_string();
        let takes_value = words.get(at + 1).is_some_and(|w| w.starts_with('<'));
        let values = line
            .split_once("[possible values: ")
            .and_then(|(_, rest)| rest.split_once(']'))
            .map(|(values, _)| values.split(", ").map(str::to_string).collect())
            .unwrap_or_default();
        found.insert(name, (takes_value, values));
    }
    found
}

/// Checks one command against the binary; what the command line would refuse, as messages.
fn refused(invocation: &Invocation) -> Vec<String> {
    let words = &invocation.words;
    let subcommand = words
        .first()
        .filter(|w| !w.starts_with('-'))
        .map(String::as_str);
    let known = options(subcommand);
    let shown = format!("{}: `hjemmel {}`", invocation.origin, words.join(" "));
    let mut problems = Vec::new();
    let mut rest = words.iter().skip(usize::from(subcommand.is_some()));
    while let Some(word) = rest.next() {
        if !word.starts_with("--") {
            continue;
        }
        let (name, inline) = match word.split_once('=') {
            Some((name, value)) => (name, Some(value.to_string())),
            None => (word.as_str(), None),
        };
        let Some((takes_value, values)) = known.get(name) else {
            problems.push(format!("{shown}: no option `{name}`"));
            continue;
        };
        if !takes_value {
            continue;
        }
        let Some(value) = inline.or_else(|| rest.next().cloned()) else {
            problems.push(format!("{shown}: `{name}` needs a value"));
            continue;
        };
        let value = value.trim_matches(|c| c == '"' || c == '\'');
        // A value from the CI system (`$SPEC`, `${{ ... }}`) is known only there.
        if values.is_empty() || value.contains('$') || values.iter().any(|v| v == value) {
            continue;
        }
        problems.push(format!(
            "{shown}: `{name}` takes {}, not `{value}`",
            values.join(", ")
        ));
    }
    problems
}

/// The scripts of a GitHub workflow: every step's `run`.
fn github_scripts(workflow: &Yaml) -> Vec<(String, String)> {
    let mut scripts = Vec::new();
    for (job, body) in workflow["jobs"].as_hash().expect("jobs") {
        for (i, step) in list(&body["steps"], "steps").iter().enumerate() {
            if let Some(run) = step["run"].as_str() {
                let job = job.as_str().unwrap_or("?");
                scripts.push((format!("{GITHUB} jobs.{job}.steps[{i}]"), run.to_string()));
            }
        }
    }
    scripts
}

/// The scripts of a GitLab CI file: every job's `before_script`, `script` and `after_script`.
fn gitlab_scripts(pipeline: &Yaml) -> Vec<(String, String)> {
    let mut scripts = Vec::new();
    for (job, body) in pipeline.as_hash().expect("a mapping of jobs") {
        let job = job.as_str().unwrap_or("?");
        for key in ["before_script", "script", "after_script"] {
            if let Some(lines) = body[key].as_vec() {
                for line in lines {
                    scripts.push((format!("{GITLAB} {job}.{key}"), text(line, key).to_string()));
                }
            }
        }
    }
    scripts
}

/// The hooks this repository offers to pre-commit, by id.
fn hooks() -> BTreeMap<String, Yaml> {
    list(&load(PRE_COMMIT_HOOKS), PRE_COMMIT_HOOKS)
        .iter()
        .map(|hook| (text(&hook["id"], "id").to_string(), hook.clone()))
        .collect()
}

/// The commands pre-commit runs: a hook's `entry`, then the `args` the configuration gives it.
fn pre_commit_scripts() -> Vec<(String, String)> {
    let hooks = hooks();
    let mut scripts = Vec::new();
    for (id, hook) in &hooks {
        scripts.push((
            format!("{PRE_COMMIT_HOOKS} {id}"),
            text(&hook["entry"], "entry").to_string(),
        ));
    }
    let config = load(PRE_COMMIT_CONFIG);
    for repo in list(&config["repos"], "repos") {
        for used in list(&repo["hooks"], "hooks") {
            let id = text(&used["id"], "id");
            let hook = hooks.get(id).unwrap_or_else(|| {
                panic!(
                    "{PRE_COMMIT_CONFIG} uses hook `{id}`, which {PRE_COMMIT_HOOKS} does not offer"
                )
            });
            let mut command = text(&hook["entry"], "entry").to_string();
            for arg in used["args"].as_vec().map(Vec::as_slice).unwrap_or_default() {
                command.push(' ');
                command.push_str(text(arg, "args"));
            }
            scripts.push((format!("{PRE_COMMIT_CONFIG} {id}"), command));
        }
    }
    scripts
}

#[test]
fn every_hjemmel_command_in_the_recipes_is_one_the_binary_accepts() {
    let mut scripts = github_scripts(&load(GITHUB));
    scripts.extend(github_scripts(&load(NOTICE)));
    scripts.extend(gitlab_scripts(&load(GITLAB)));
    scripts.extend(pre_commit_scripts());
    let all: Vec<Invocation> = scripts
        .iter()
        .flat_map(|(origin, script)| invocations(script, origin))
        .collect();
    let subcommands: Vec<&str> = all
        .iter()
        .filter_map(|i| i.words.first().map(String::as_str))
        .collect();
    for expected in ["check", "diff", "notice", "--version"] {
        assert!(
            subcommands.contains(&expected),
            "no `hjemmel {expected}` found in the recipes: {all:#?}"
        );
    }
    let problems: Vec<String> = all.iter().flat_map(refused).collect();
    assert!(
        problems.is_empty(),
        "commands in the CI recipes that hjemmel refuses:\n{}",
        problems.join("\n")
    );
}

#[test]
fn the_checker_of_commands_catches_what_hjemmel_refuses() {
    let bad = |script: &str| {
        invocations(script, "test")
            .iter()
            .flat_map(refused)
            .collect::<Vec<_>>()
    };
    assert!(bad("hjemmel check --format json specs/x > out.json").is_empty());
    assert!(bad("hjemmel check specs/x --format sarif > hjemmel.sarif").is_empty());
    assert!(
        bad("hjemmel diff --base \"origin/${{ github.base_ref }}\" x --fail-on new").is_empty()
    );
    assert_eq!(bad("hjemmel check --colour never x").len(), 1);
    assert_eq!(bad("hjemmel diff --fail-on sometimes a b").len(), 1);
    assert_eq!(bad("hjemmel check --format=yaml x").len(), 1);
    assert!(bad("cargo install --locked --path . hjemmel").is_empty());
}

#[test]
fn the_github_workflow_checks_uploads_sarif_and_comments_on_pull_requests() {
    let workflow = load(GITHUB);
    assert!(
        !workflow["on"]["pull_request"].is_badvalue(),
        "{GITHUB} runs on pull_request"
    );
    let (_, job) = workflow["jobs"]
        .as_hash()
        .and_then(|jobs| jobs.iter().next())
        .expect("a job");
    assert_eq!(
        job["permissions"]["security-events"].as_str(),
        Some("write"),
        "upload-sarif needs `security-events: write`"
    );
    let steps = list(&job["steps"], "steps");
    let uses: Vec<&str> = steps.iter().filter_map(|s| s["uses"].as_str()).collect();
    assert!(
        uses.contains(&"github/codeql-action/upload-sarif@v4"),
        "{uses:?}"
    );
    let checkout = steps
        .iter()
        .find(|s| {
            s["uses"]
                .as_str()
                .is_some_and(|u| u.starts_with("actions/checkout@"))
        })
        .expect("a checkout step");
    assert_eq!(
        checkout["with"]["fetch-depth"].as_i64(),
        Some(0),
        "`hjemmel diff --base` needs the history"
    );
    let upload = steps
        .iter()
        .find(|s| s["uses"].as_str() == Some("github/codeql-action/upload-sarif@v4"))
        .unwrap();
    let runs: Vec<&str> = steps.iter().filter_map(|s| s["run"].as_str()).collect();
    let sarif = text(&upload["with"]["sarif_file"], "sarif_file");
    assert!(
        runs.iter().any(|r| r.contains("hjemmel check")
            && r.contains("--format sarif")
            && r.contains(&format!("> {sarif}"))),
        "a step writes {sarif} with `hjemmel check --format sarif`: {runs:#?}"
    );
    let diff = steps
        .iter()
        .find(|s| {
            s["run"]
                .as_str()
                .is_some_and(|r| r.contains("hjemmel diff"))
        })
        .expect("a step runs hjemmel diff");
    assert!(
        text(&diff["if"], "if").contains("pull_request"),
        "hjemmel diff runs on pull requests"
    );
    let command = text(&diff["run"], "run");
    for part in [
        "--base \"origin/${{ github.base_ref }}\"",
        "--format markdown",
        "--fail-on new",
    ] {
        assert!(command.contains(part), "`{part}` in: {command}");
    }
    assert!(
        uses.iter()
            .any(|u| u.starts_with("marocchino/sticky-pull-request-comment@")),
        "the Markdown is posted as a comment: {uses:?}"
    );
}

#[test]
fn the_gitlab_jobs_report_code_quality_and_diff_merge_requests() {
    let pipeline = load(GITLAB);
    let check = &pipeline["hjemmel-check"];
    assert_eq!(
        check["artifacts"]["reports"]["codequality"].as_str(),
        Some("gl-code-quality-report.json")
    );
    let scripts: Vec<&str> = list(&check["script"], "script")
        .iter()
        .map(|l| text(l, "script"))
        .collect();
    assert!(
        scripts
            .iter()
            .any(|s| s.contains("hjemmel check --format json")),
        "{scripts:#?}"
    );
    let diff = &pipeline["hjemmel-diff"];
    assert_eq!(diff["variables"]["GIT_DEPTH"].as_i64(), Some(0));
    let rule = text(&list(&diff["rules"], "rules")[0]["if"], "if");
    assert!(rule.contains("merge_request_event"), "{rule}");
    let scripts: Vec<&str> = list(&diff["script"], "script")
        .iter()
        .map(|l| text(l, "script"))
        .collect();
    assert!(
        scripts.iter().any(|s| s
            .contains("hjemmel diff --base \"$CI_MERGE_REQUEST_DIFF_BASE_SHA\"")
            && s.contains("--fail-on new")),
        "{scripts:#?}"
    );
}

#[test]
fn the_pre_commit_hook_checks_hjemmel_files() {
    let hooks = hooks();
    let hook = hooks.get("hjemmel-check").expect("a hook `hjemmel-check`");
    assert_eq!(hook["entry"].as_str(), Some("hjemmel check"));
    assert_eq!(hook["files"].as_str(), Some(r"\.hjemmel$"));
    let language = text(&hook["language"], "language");
    assert!(
        ["rust", "system"].contains(&language),
        "language `{language}`"
    );
}

/// The notice workflow writes the notice on every change to the spec and publishes it with Pages.
#[test]
fn the_notice_workflow_publishes_the_notice_with_pages() {
    let workflow = load(NOTICE);
    let push = &workflow["on"]["push"];
    assert_eq!(
        list(&push["branches"], "branches")[0].as_str(),
        Some("main")
    );
    let job = &workflow["jobs"]["notice"];
    assert_eq!(job["permissions"]["pages"].as_str(), Some("write"));
    assert_eq!(job["permissions"]["id-token"].as_str(), Some("write"));
    let steps = list(&job["steps"], "steps");
    let uses: Vec<&str> = steps.iter().filter_map(|s| s["uses"].as_str()).collect();
    assert!(
        uses.contains(&"actions/upload-pages-artifact@v3"),
        "{uses:?}"
    );
    assert!(uses.contains(&"actions/deploy-pages@v4"), "{uses:?}");
    let notices: Vec<Invocation> = github_scripts(&workflow)
        .iter()
        .flat_map(|(origin, script)| invocations(script, origin))
        .filter(|i| i.words.iter().any(|w| w == "notice"))
        .collect();
    let formats: Vec<&str> = notices
        .iter()
        .filter_map(|i| {
            i.words
                .windows(2)
                .find(|w| w[0] == "--format")
                .map(|w| w[1].as_str())
        })
        .collect();
    assert_eq!(formats, ["html", "md"]);
    assert!(notices.iter().all(|i| i.words.iter().any(|w| w == "-o")));
}
