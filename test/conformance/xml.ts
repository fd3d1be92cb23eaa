// Parses JUnit XML with Python's standard library (a real, strict XML parser, independent of the
// code under test): testcases with their classname, name and outcome, and the suites' counts.
import { execFileSync } from 'node:child_process';

export interface ParsedJunit {
  suites: Array<{ name: string; tests: number; failures: number; skipped: number }>;
  testcases: Array<{ classname: string; name: string; failure?: { message: string; type: string; text: string }; skipped?: string; out?: string }>;
  root: { tests: number; failures: number; skipped: number };
}

export function parseJunit(xml: string): ParsedJunit {
  const script = [
    'import sys, json, xml.etree.ElementTree as ET',
    'root = ET.fromstring(sys.stdin.buffer.read())',
    'def case(c):',
    '    out = {"classname": c.get("classname"), "name": c.get("name")}',
    '    f = c.find("failure")',
    '    if f is not None: out["failure"] = {"message": f.get("message"), "type": f.get("type"), "text": f.text or ""}',
    '    s = c.find("skipped")',
    '    if s is not None: out["skipped"] = s.get("message")',
    '    o = c.find("system-out")',
    '    if o is not None: out["out"] = o.text or ""',
    '    return out',
    'print(json.dumps({',
    '  "root": {k: int(root.get(k)) for k in ("tests", "failures", "skipped")},',
    '  "suites": [{"name": s.get("name"), "tests": int(s.get("tests")), "failures": int(s.get("failures")), "skipped": int(s.get("skipped"))} for s in root.findall("testsuite")],',
    '  "testcases": [case(c) for c in root.iter("testcase")],',
    '}))',
  ].join('\n');
  return JSON.parse(execFileSync('python3', ['-c', script], { input: xml }).toString()) as ParsedJunit;
}
