#!/usr/bin/env python3
"""Measures every case of the bad-input corpus (Tests/Fixtures/bad-input/cases.json) against the
limits of issue 5: no input may take more than 2 s or 200 MB. Each case is set up as the
end-to-end test does (a good baseline sync, then the case's input in place) and the second run
is measured with /usr/bin/time -v (wall clock, maximum resident set size). A few hostile sizes
too big for git (one-line XML, deep nesting, 50 MB values) are generated and measured as well.

    python3 fuzz/corpus-limits.py [--bin .build/debug/engage-sync] [--seconds 2] [--mb 200]

Prints one line per case, the worst figures, and exits 1 when a case is over a limit."""
import argparse, glob, json, os, re, shutil, subprocess, sys, tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CORPUS = os.path.join(ROOT, "Tests/Fixtures/bad-input")
BASIC = os.path.join(ROOT, "Tests/Fixtures/basic")
IDENTITY = ["--org-id", "00D5j00000AbCdE", "--company-id", "verteo-biopharma", "--integration-user", "0055j00000EnGsYAAV"]


def place(case, folder):
    """Puts the case's input in place (as BadInputCase.place does); returns (input path, export path)."""
    for target, source in sorted((case.get("also") or {}).items()):
        if target != "export":
            shutil.copy(os.path.join(CORPUS, source), os.path.join(folder, target))
    role, file = case["replaces"], case["file"]
    if role.startswith("snapshot/"):
        obj = role.split("/", 1)[1]
        for old in glob.glob(os.path.join(folder, "snapshot", obj + ".*")):
            os.remove(old)
        ext = "csv" if file.startswith("(") else file.rsplit(".", 1)[1]
        relative = f"snapshot/{obj}.{ext}"
    elif file.startswith("("):
        what = file[1:-1]
        name = {"grants": f"{what}-grants.permissionset-meta.xml", "export": f"{what}-export.json"}.get(role, f"{what}-{role}.yaml")
        relative = "export.json/" + name if file == "(under-a-file)" else name
    else:
        relative = os.path.basename(file)
    target = os.path.join(folder, relative)
    if file == "(folder)":
        os.mkdir(target)
    elif file == "(fifo)":
        os.mkfifo(target)
    elif not file.startswith("("):
        shutil.copy(os.path.join(CORPUS, file), target)
    export = "export.json"
    if role == "export":
        export = relative
    elif (case.get("also") or {}).get("export"):
        export = os.path.basename(case["also"]["export"])
        shutil.copy(os.path.join(CORPUS, case["also"]["export"]), os.path.join(folder, export))
    return relative, export


def xml_export(profiles, separator="\n"):
    """An XML export of `profiles` generated profiles, lines joined by `separator` (" ": one line)."""
    head = ('<?xml version="1.0" encoding="UTF-8"?>\n<engage_export format="engage-connect-export" version="1" '
            'exported_at="2026-11-30T11:00:00Z" kind="incremental" since="2026-11-30T09:00:00Z" company_id="verteo-biopharma">')
    item = ("<profile><id>ep-g{0:07d}</id><type>HCP</type><status>ACTIVE</status><first_name>Ada</first_name>"
            "<last_name>Gen {0}</last_name><updated_at>2026-11-30T10:30:00Z</updated_at><accounts/><connections>"
            "<connection><user_id>0055j00000Sj0NaAAJ</user_id><org_id>00D5j00000AbCdE</org_id><state>CONNECTED</state>"
            "<updated_at>2026-11-30T10:30:00Z</updated_at></connection></connections></profile>")
    return head + separator + separator.join(item.format(i) for i in range(profiles)) + separator + "</engage_export>\n"


def json_export(title):
    return ('{"format": "engage-connect-export", "version": 1, "exported_at": "2026-11-30T11:00:00Z", "kind": "incremental", '
            '"since": "2026-11-30T09:00:00Z", "company_id": "verteo-biopharma", "profiles": [{"id": "ep-big00001", "type": "HCP", '
            '"status": "ACTIVE", "last_name": "Big", "title": "' + title + '", "updated_at": "2026-11-30T10:30:00Z", '
            '"connections": [{"user_id": "0055j00000Sj0NaAAJ", "org_id": "00D5j00000AbCdE", "state": "CONNECTED", '
            '"updated_at": "2026-11-30T10:30:00Z"}]}]}\n')


# Hostile sizes, generated (too big for git): (name, the export's file name, its content).
GENERATED = [
    ("generated-xml-one-line-10000-profiles", "one-line.xml", lambda: xml_export(10_000, " ")),
    ("generated-xml-100000-nested-elements", "nested.xml",
     lambda: xml_export(1).replace("<first_name>", "<x>" * 100_000 + "</x>" * 100_000 + "<first_name>")),
    ("generated-json-1000000-nested-arrays", "nested.json", lambda: json_export("x").replace('"title": "x"', '"extra": ' + "[" * 1_000_000 + "]" * 1_000_000)),
    ("generated-json-50-MB-text-value", "big-value.json", lambda: json_export("x" * 50_000_000)),
    ("generated-csv-50-MB-quoted-cell", "snapshot/User.csv", lambda: "Id,Name,IsActive\n0055j00000EnGsYAAV,\"" + "y\r\n" * 16_000_000 + "\",true\n"),
]


def measure(binary, case):
    folder = tempfile.mkdtemp(prefix="engage-sync-limits-")
    try:
        shutil.copytree(os.path.join(BASIC, "snapshot"), os.path.join(folder, "snapshot"))
        shutil.copy(os.path.join(BASIC, "export.json"), folder)
        common = [binary, "sync", "--snapshot", "snapshot", "--state", "state", "--out", "out"] + IDENTITY
        subprocess.run(common + ["--export", "export.json", "--now", "2026-11-30T10:00:00Z"], cwd=folder, check=True,
                       capture_output=True)
        if "generate" in case:
            with open(os.path.join(folder, case["target"]), "w") as f:
                f.write(case["generate"]())
            relative, export = case["target"], "export.json" if case["target"].startswith("snapshot/") else case["target"]
        else:
            relative, export = place(case, folder)
        args = common + ["--now", "2026-11-30T11:30:00Z", "--export", export]
        if case["replaces"] in ("mapping", "manifest", "config", "grants"):
            args += ["--" + case["replaces"], relative]
        run = subprocess.run(["/usr/bin/time", "-v"] + args, cwd=folder, capture_output=True, text=True,
                             errors="replace", timeout=60)
        wall = re.search(r"Elapsed \(wall clock\) time.*: (?:(\d+):)?(\d+):([\d.]+)", run.stderr)
        seconds = int(wall.group(1) or 0) * 3600 + int(wall.group(2)) * 60 + float(wall.group(3))
        rss_kb = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", run.stderr).group(1))
        code = int(re.search(r"Exit status: (\d+)", run.stderr).group(1))
        return seconds, rss_kb / 1024, code
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--bin", default=os.path.join(ROOT, ".build/debug/engage-sync"))
    parser.add_argument("--seconds", type=float, default=2.0)
    parser.add_argument("--mb", type=float, default=200.0)
    options = parser.parse_args()
    cases = json.load(open(os.path.join(CORPUS, "cases.json")))
    cases += [{"name": name, "replaces": "generated", "target": target, "generate": make} for name, target, make in GENERATED]
    worst_time, worst_rss, over = (0, ""), (0, ""), []
    for case in cases:
        seconds, mb, code = measure(os.path.abspath(options.bin), case)
        if "generate" in case:  # sizes beyond the corpus: throughput, shown but not held to the limits
            print(f"{case['name']:45} exit {code:3}  {seconds:6.2f} s  {mb:7.1f} MB  (generated, not a corpus file)")
            continue
        flag = " OVER" if seconds > options.seconds or mb > options.mb else ""
        if flag:
            over.append(case["name"])
        print(f"{case['name']:45} exit {code:3}  {seconds:6.2f} s  {mb:7.1f} MB{flag}")
        worst_time = max(worst_time, (seconds, case["name"]))
        worst_rss = max(worst_rss, (mb, case["name"]))
    print(f"worst time: {worst_time[0]:.2f} s ({worst_time[1]}); worst memory: {worst_rss[0]:.1f} MB ({worst_rss[1]}); "
          f"{len(cases) - len(GENERATED)} corpus cases, {len(over)} over {options.seconds:g} s / {options.mb:g} MB")
    sys.exit(1 if over else 0)


if __name__ == "__main__":
    main()
