//! The report's stylesheet, inline so the file is complete on its own: system fonts only, nothing
//! fetched, readable on screen and on paper.

/// The contents of the report's `<style>` element.
pub const CSS: &str = r#"
:root {
  --ink: #1d2330; --muted: #5b6475; --rule: #d8dce3; --paper: #ffffff; --panel: #f5f6f8;
  --error: #b3261e; --error-bg: #fdecea; --warning: #8a5a00; --warning-bg: #fff4d6;
  --mark: #ffd7d3; --related: #dbe7ff; --link: #1f4fa3;
}
* { box-sizing: border-box; }
html { background: var(--panel); }
body {
  margin: 0 auto; max-width: 72rem; padding: 2rem 2.5rem 4rem; background: var(--paper);
  color: var(--ink); font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
}
h1 { font-size: 1.9rem; margin: 0 0 .25rem; line-height: 1.2; }
h2 { font-size: 1.4rem; margin: 2.5rem 0 1rem; padding-bottom: .3rem; border-bottom: 2px solid var(--ink); }
h3 { font-size: 1.1rem; margin: 1.5rem 0 .5rem; }
a { color: var(--link); }
code, pre, .code, .name, .where { font-family: ui-monospace, "SFMono-Regular", Menlo, Consolas, "Liberation Mono", monospace; }
code { font-size: .92em; background: var(--panel); padding: 0 .25em; border-radius: 3px; }
.meta { color: var(--muted); margin: 0; }
nav ol { margin: .5rem 0 0; padding-left: 1.4rem; columns: 2; }
table { border-collapse: collapse; width: 100%; margin: .5rem 0 1rem; }
th, td { text-align: left; vertical-align: top; padding: .4rem .6rem; border-bottom: 1px solid var(--rule); }
thead th { border-bottom: 2px solid var(--ink); }
td ul { margin: 0; padding-left: 1.1rem; }
.counts { width: auto; min-width: 22rem; }
.counts td.number { text-align: right; font-variant-numeric: tabular-nums; font-weight: 600; }
.badge { display: inline-block; padding: .05rem .55rem; border-radius: 1rem; font-size: .8rem; font-weight: 600; text-transform: uppercase; letter-spacing: .03em; vertical-align: middle; }
.badge.error { color: var(--error); background: var(--error-bg); border: 1px solid var(--error); }
.badge.unverified { color: var(--muted); background: var(--panel); border: 1px dashed var(--muted); text-transform: none; letter-spacing: 0; }
.unverified { font-size: .9rem; color: var(--muted); margin: 0 0 .6rem; }
.finding h3 .title { font-weight: normal; color: var(--muted); font-size: .95rem; }
.badge.warning { color: var(--warning); background: var(--warning-bg); border: 1px solid var(--warning); }
.finding { border: 1px solid var(--rule); border-left-width: 5px; border-radius: 4px; padding: .2rem 1.2rem .8rem; margin: 1.2rem 0; break-inside: avoid; }
.finding.error { border-left-color: var(--error); }
.finding.warning { border-left-color: var(--warning); }
.finding h3 { margin: .8rem 0 .3rem; }
.finding .code { font-size: 1rem; }
.message { font-size: 1.05rem; margin: .2rem 0 .8rem; }
.snippet { margin: .6rem 0; border: 1px solid var(--rule); border-radius: 4px; overflow: hidden; }
.snippet figcaption { background: var(--panel); padding: .3rem .7rem; font-size: .9rem; border-bottom: 1px solid var(--rule); }
.snippet figcaption .where { color: var(--muted); margin-right: .5rem; }
.snippet pre { margin: 0; padding: .4rem 0; overflow-x: auto; font-size: .85rem; line-height: 1.45; }
.snippet .line { display: block; padding: 0 .7rem 0 4.3rem; text-indent: -4.3rem; white-space: pre-wrap; }
.snippet .ln { display: inline-block; width: 4.3rem; padding-right: .8rem; text-indent: 0; text-align: right; color: var(--muted); user-select: none; }
mark.primary { background: var(--mark); color: inherit; border-bottom: 2px solid var(--error); }
mark.secondary { background: var(--related); color: inherit; }
.snippet .cut { color: var(--muted); }
.snippet.secondary figcaption { background: #f0f4fc; }
.snippet ul.labels { list-style: none; margin: 0; padding: .3rem .7rem; border-top: 1px solid var(--rule); font-size: .9rem; }
.snippet ul.labels li::before { content: ""; display: inline-block; width: .8rem; height: .8rem; margin-right: .4rem; vertical-align: -.1rem; border-radius: 2px; background: var(--related); }
.snippet ul.labels li.primary::before { background: var(--mark); }
.snippet ul.labels .where { color: var(--muted); margin-right: .3rem; }
dl { display: grid; grid-template-columns: 11rem 1fr; gap: .35rem 1rem; margin: .8rem 0 0; }
dt { font-weight: 600; color: var(--muted); }
dd { margin: 0; }
.provisions { margin: 0; padding-left: 1.1rem; }
.path { font-family: ui-monospace, Menlo, Consolas, monospace; font-size: .9rem; }
.none { color: var(--muted); font-style: italic; }
.suppressed .where { color: var(--muted); font-size: .85rem; }
.suppressed td.code { white-space: nowrap; }
.record th { width: 32%; font-weight: 600; }
/* "not stated" in the record: the only emphasis its cells have. */
.record td > em { color: var(--error); font-style: italic; }
.activity .name { color: var(--muted); font-weight: normal; font-size: .9rem; margin-left: .4rem; }
/* The picture at its own size, so its words stay readable: a wide one scrolls sideways. */
.picture { overflow-x: auto; border: 1px solid var(--rule); border-radius: 4px; padding: .5rem; margin: 0; }
.picture svg { display: block; max-width: none; height: auto; }
/* The flow summarised for paper: shown only when printed (the drawing's words would be ~4 pt on A4). */
.flow-print { display: none; }
.flow-print-intro { color: var(--muted); margin: 0 0 .3rem; }
.flow-print-title { font-weight: 600; margin: 0 0 .3rem; }
.flow-row { display: grid; grid-template-columns: 1fr 13rem 1fr; gap: 0 1.2rem; border-top: 1px solid var(--rule); padding: .25rem 0; break-inside: avoid; }
.flow-head { font-weight: 600; color: var(--muted); border-top: none; }
.flow-activity { border: 1.5px solid var(--ink); border-radius: 4px; padding: .15rem .4rem; align-self: center; position: relative; }
.flow-activity::before, .flow-activity::after { content: "→"; position: absolute; top: 50%; transform: translateY(-50%); color: var(--muted); }
.flow-activity::before { left: -1.05rem; }
.flow-activity::after { right: -1.05rem; }
.flow-activity ul { margin: 0; padding: 0; list-style: none; font-weight: 600; overflow-wrap: anywhere; hyphens: auto; }
.flow-group { margin: .1rem 0; }
.flow-role { font-weight: 600; }
.flow-kind, .flow-place { color: var(--muted); }
.flow-tag { color: var(--error); font-weight: 600; }
.flow-row .none { margin: 0; }
.scope { border: 1px solid var(--rule); border-left: 5px solid var(--link); border-radius: 4px; padding: .2rem 1.2rem .8rem; margin: 1.5rem 0; background: #fafbfd; }
.scope h2 { border-bottom: none; margin: .8rem 0 .5rem; font-size: 1.2rem; }
.scope h3 { margin: .8rem 0 .3rem; font-size: 1rem; }
.scope ul { margin: .2rem 0; padding-left: 1.2rem; }
dl.levels { grid-template-columns: 9rem 1fr; }
.about .missing, .about em.missing { color: var(--error); }
.overview td.number { text-align: right; font-variant-numeric: tabular-nums; width: 6rem; }
.overview .code { font-family: ui-monospace, Menlo, Consolas, monospace; font-size: .8rem; margin-right: .4rem; white-space: nowrap; }
.overview .code.error { color: var(--error); }
.overview .code.warning { color: var(--warning); }
.overview tr.other td { color: var(--muted); font-style: italic; }
.concerns ul { display: inline; padding: 0; margin: 0; }
.concerns li { display: inline; }
.concerns li + li::before { content: " · "; color: var(--muted); }
.shown-for { color: var(--muted); font-size: .85rem; margin: .2rem 0; }
.finding h3 a.code { color: inherit; text-decoration: none; border-bottom: 1px dotted var(--muted); }
q { font-style: normal; }
.rule pre.page { white-space: pre-wrap; font-size: .85rem; background: var(--panel); padding: .6rem .8rem; border-radius: 4px; }
.rule pre.page code.block { display: block; background: var(--paper); padding: .3rem .5rem; margin: .2rem 0; }
footer { margin-top: 3rem; color: var(--muted); font-size: .85rem; border-top: 1px solid var(--rule); padding-top: .8rem; }
@page { size: A4; margin: 15mm 12mm; }
@media print {
  html { background: none; }
  body { max-width: none; padding: 0; font-size: 11pt; }
  nav { display: none; }
  .finding, .snippet, tr { break-inside: avoid; }
  /* Printed, the drawing gives way to its summary, whose smallest text is 8 pt on A4. */
  .picture { display: none; }
  #flow { break-before: page; }
  /* The flow's summary is one page, the record begins on the next. */
  #record { break-before: page; }
  .flow-print { display: block; font-size: 9pt; line-height: 1.3; }
  .flow-print .flow-kind, .flow-print .flow-place, .flow-print-intro { font-size: 8pt; }
  .flow-print strong { font-weight: 600; }
  .flow-row { grid-template-columns: 1fr 42mm 1fr; }
  .rule details { display: block; }
  a { color: inherit; text-decoration: none; }
}
"#;
