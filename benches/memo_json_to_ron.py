#!/usr/bin/env python3
"""Converts a benchmark memo in the comparison benchmark's JSON form (header, findings with
assessment, paragraphs and a quote, recommendations, signatories with city and country)
into a memodraft draft, for side-by-side runs against Typst. The benchmark memos are not
part of this repository and none of their text is kept here; the script reads them at run
time from wherever you have them.

    python3 benches/memo_json_to_ron.py path/to/memo_large.json /tmp/bench/memo_large.ron
    MEMODRAFT_BENCH_MEMOS=/tmp/bench cargo bench --bench export
"""
import json
import sys


def s(text):
    return json.dumps(text, ensure_ascii=False)


def main(src, dst):
    d = json.load(open(src, encoding="utf-8"))
    months = {m: i + 1 for i, m in enumerate(
        "January February March April May June July August September October November December".split())}
    month, day, year = d["date"].replace(",", "").split()
    out = ["(", "  version: 1,", f"  heading: {s(d['title'])},", "  to: ["]
    for r in d["to"]:
        out.append(f"    (name: {s(r['name'])}, title: {s(r['title'])}, organization: {s(r['organization'])}),")
    out += ["  ],", f"  from: {s(d['from'])},",
            f"  date: Some(\"{int(year):04}-{months[month]:02}-{int(day):02}\"),",
            f"  subject: {s(d['re'])},", f"  introduction: {s(d['intro'])},", "  findings: ["]
    quotes = []
    for f in d["findings"]:
        assessment = {"Not met": "NotMet", "Partially met": "PartiallyMet", "Met": "Met"}.get(f["assessment"], "NotAssessed")
        out.append(f"    (id: ({f['number']}), title: {s(f['heading'])}, assessment: {assessment}, "
                   f"evidence: {s(chr(10).join(p + chr(10) for p in f['paragraphs']))}),")
        if f.get("quote"):
            q = f["quote"]
            quotes.append(f"    (id: ({f['number']}), text: {s(q['text'])}, attribution: {s(q['attribution'])}, "
                          f"placement: Finding(({f['number']}))),")
    out += ["  ],", "  quotes: ["] + quotes + ["  ],", "  recommendations: ["]
    out += [f"    (text: {s(r)}),"for r in d["recommendations"]]
    out += ["  ],", f"  signatories_intro: {s(d.get('signatories_intro', ''))},", "  signatories: ["]
    out += [f"    (organization: {s(x['name'])}, city: {s(x['city'])}, country: {s(x['country'])}, status: Confirmed),"
            for x in d["signatories"]]
    out += ["  ],", ")"]
    open(dst, "w", encoding="utf-8").write("\n".join(out) + "\n")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
