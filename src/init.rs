//! `hjemmel init`: the commented starting spec, in the reader's language.
//!
//! The templates in `src/init/` hold the spec once, with each comment line in both languages
//! (`//en:` and `//da:`); [`starting_spec`] keeps the lines of one language, so the two versions
//! cannot drift apart.

use crate::i18n::Lang;
use crate::texts;

texts! {
    /// A file of the starting spec is in place already.
    ALREADY_A_SPEC = (
        "`{dir}` already holds a spec ({file}); `hjemmel init` starts a new one in a directory without \
         `.hjemmel` files (with --force it writes over controller.hjemmel and activities.hjemmel)",
        "`{dir}` indeholder allerede en spec ({file}); `hjemmel init` begynder en ny i en mappe uden \
         `.hjemmel`-filer (med --force skriver den oven i controller.hjemmel og activities.hjemmel)"
    ),
    /// The directory could not be made or read.
    CANNOT_USE_DIR = (
        "cannot use the directory `{dir}`: {error}",
        "kan ikke bruge mappen `{dir}`: {error}"
    ),
    /// After the starting spec was written.
    NEXT = (
        "next: replace the examples with what your notice says, then run `hjemmel check {dir}`",
        "næste skridt: erstat eksemplerne med det, jeres privatlivspolitik siger, og kør `hjemmel check {dir}`"
    ),
}

/// The files of the starting spec: name and template.
const TEMPLATES: [(&str, &str); 2] = [
    (
        "controller.hjemmel",
        include_str!("init/controller.hjemmel"),
    ),
    (
        "activities.hjemmel",
        include_str!("init/activities.hjemmel"),
    ),
];

/// The starting spec's files in `lang`: each file's name and text.
pub fn starting_spec(lang: Lang) -> Vec<(&'static str, String)> {
    TEMPLATES
        .iter()
        .map(|(name, template)| (*name, in_language(template, lang)))
        .collect()
}

/// `template` with the comment lines of `lang` (their marker made a plain `//`) and without those of
/// the other language.
fn in_language(template: &str, lang: Lang) -> String {
    let (keep, drop) = match lang {
        Lang::En => ("//en:", "//da:"),
        Lang::Da => ("//da:", "//en:"),
    };
    let mut text = String::with_capacity(template.len());
    for line in template.lines() {
        let trimmed = line.trim_start();
        if trimmed.starts_with(drop) {
            continue;
        }
        match trimmed.strip_prefix(keep) {
            Some(comment) => {
                text.push_str(&line[..line.len() - trimmed.len()]);
                text.push_str("//");
                text.push_str(comment);
            }
            None => text.push_str(line),
        }
        text.push('\n');
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_language_keeps_its_own_comments_and_no_marker() {
        for lang in [Lang::En, Lang::Da] {
            for (name, text) in starting_spec(lang) {
                assert!(!text.contains("//en:") && !text.contains("//da:"), "{name}");
                assert!(
                    text.contains("controller") || text.contains("activity"),
                    "{name}"
                );
            }
        }
        let en = &starting_spec(Lang::En)[0].1;
        let da = &starting_spec(Lang::Da)[0].1;
        assert!(en.contains("// The controller:") && !en.contains("// Den dataansvarlige:"));
        assert!(da.contains("// Den dataansvarlige:") && !da.contains("// The controller:"));
        // The spec itself is the same in both.
        let code = |t: &str| -> Vec<String> {
            t.lines()
                .filter(|l| !l.trim_start().starts_with("//"))
                .map(str::to_string)
                .collect()
        };
        assert_eq!(code(en), code(da));
    }

    #[test]
    fn an_indented_comment_keeps_its_indentation() {
        let text = in_language("a {\n  //en: why\n  //da: hvorfor\n  b\n}\n", Lang::Da);
        assert_eq!(text, "a {\n  // hvorfor\n  b\n}\n");
    }
}
