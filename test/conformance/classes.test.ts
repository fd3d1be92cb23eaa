import { describe, expect, it } from 'vitest';
import { CHECK_CLASSES, checkClass, LEVELS, levelOf, levelWithin } from '../../src/conformance/classes.js';
import { FAULT_CLASSES } from '../../src/arbitraries/index.js';

describe('the check classes', () => {
  it('rfc holds exactly the MUST-level rejections the issue lists', () => {
    const rfc = CHECK_CLASSES.filter((c) => c.level === 'rfc').map((c) => c.id);
    expect(rfc).toEqual([
      // a character outside the base64url alphabet, padding, whitespace, or length ≡ 1 (mod 4), in the decoded segments
      'char-plus',
      'char-slash',
      'char-padding',
      'char-whitespace',
      'char-control',
      'char-punctuation',
      'char-non-ascii',
      'char-lone-surrogate',
      'length-1-mod-4',
      // not exactly three segments
      'two-segments',
      'four-segments',
      // not JSON, or not an object (an empty segment is not JSON)
      'empty-header',
      'empty-payload',
      // invalid UTF-8
      'invalid-utf8',
      'not-json',
      'json-not-object',
      // duplicates resolved to anything but the lexically last (by value)
      'duplicate-member',
    ]);
    for (const c of CHECK_CLASSES.filter((x) => x.level === 'rfc')) expect(c.requirement, c.id).toMatch(/RFC \d+ §/);
    for (const id of ['char-plus', 'char-padding', 'char-whitespace', 'length-1-mod-4']) expect(checkClass(id)!.segments).toEqual(['header', 'payload']);
  });

  it("hardened holds captoken's policies, each saying it is policy, with the RFC freedom it narrows", () => {
    const hardened = CHECK_CLASSES.filter((c) => c.level === 'hardened');
    expect(hardened.map((c) => c.id)).toEqual(['signature-syntax', 'trailing-bits', 'json-bom', 'duplicate-member-accepted', 'forbidden-member', 'too-large', 'empty-signature']);
    for (const c of hardened.filter((x) => x.id !== 'signature-syntax')) expect(c.requirement, c.id).toMatch(/^captoken policy/);
    expect(checkClass('trailing-bits')!.requirement).toMatch(/RFC 4648 §3\.5.*MAY/);
    expect(checkClass('json-bom')!.requirement).toMatch(/RFC 8259 §8\.1.*MAY/);
    expect(checkClass('empty-signature')!.requirement).toMatch(/RFC 7519 §6/);
  });

  it('signature-syntax is rfc for adapters that read the signature', () => {
    const sig = checkClass('signature-syntax')!;
    expect(levelOf(sig, false)).toBe('hardened');
    expect(levelOf(sig, true)).toBe('rfc');
    expect(levelOf(checkClass('char-plus')!, true)).toBe('rfc');
  });

  it('every fault of captoken/arbitraries is drawn by some class; every class has a rule, a violation and compatible categories', () => {
    const drawn = new Set(CHECK_CLASSES.flatMap((c) => c.faults));
    for (const f of FAULT_CLASSES) expect(drawn.has(f), f).toBe(true);
    for (const c of CHECK_CLASSES) {
      expect(c.rule.length, c.id).toBeGreaterThan(10);
      expect(c.violation.length, c.id).toBeGreaterThan(10);
      if (c.level !== 'accept') expect(c.compatible.length, c.id).toBeGreaterThan(0);
    }
    expect(new Set(CHECK_CLASSES.map((c) => c.id)).size).toBe(CHECK_CLASSES.length);
  });

  it('levels are ordered accept < rfc < hardened', () => {
    expect(LEVELS).toEqual(['accept', 'rfc', 'hardened']);
    expect(levelWithin('accept', 'rfc')).toBe(true);
    expect(levelWithin('hardened', 'rfc')).toBe(false);
    expect(checkClass('nope')).toBeUndefined();
  });
});
