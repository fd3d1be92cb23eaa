// Type-level tests of `captoken/conformance`: what an SDK team calls from its own test suite.
import { describe, expectTypeOf, it } from 'vitest';
import {
  adapterFromFunction,
  createCommandAdapter,
  createModuleAdapter,
  createUrlAdapter,
  formatJson,
  formatJunit,
  formatText,
  runCheck,
  runConformance,
  runDifferential,
  type Adapter,
  type AdapterAnswer,
  type AdapterSpec,
  type CheckReport,
  type CheckClassId,
  type ClassSummary,
  type ConformanceOptions,
  type ConformanceReport,
  type Difference,
  type DifferentialReport,
  type Failure,
  type Level,
  type Profile,
  type RejectCategory,
  type Report,
} from '../../src/conformance/index.js';

describe('captoken/conformance', () => {
  it('the runners take an opened adapter or a spec, and resolve to their report types', () => {
    expectTypeOf(runConformance).parameter(0).toEqualTypeOf<Adapter | AdapterSpec>();
    expectTypeOf(runConformance).returns.toEqualTypeOf<Promise<ConformanceReport>>();
    expectTypeOf(runDifferential).returns.toEqualTypeOf<Promise<DifferentialReport>>();
    expectTypeOf(runCheck).returns.toEqualTypeOf<Promise<CheckReport>>();
    expectTypeOf<{ decode: (t: string) => unknown }>().toExtend<AdapterSpec>();
    expectTypeOf<{ module: string }>().toExtend<AdapterSpec>();
    expectTypeOf<{ command: string }>().toExtend<AdapterSpec>();
    expectTypeOf<{ url: string }>().toExtend<AdapterSpec>();
  });

  it('the adapter constructors return adapters', () => {
    expectTypeOf(adapterFromFunction).returns.toEqualTypeOf<Adapter>();
    expectTypeOf(createCommandAdapter).returns.toEqualTypeOf<Adapter>();
    expectTypeOf(createUrlAdapter).returns.toEqualTypeOf<Adapter>();
    expectTypeOf(createModuleAdapter).returns.toEqualTypeOf<Promise<Adapter>>();
    expectTypeOf<Adapter['decode']>().returns.toEqualTypeOf<Promise<AdapterAnswer>>();
  });

  it('profiles, levels and categories are closed unions; strict is still accepted as a profile name', () => {
    expectTypeOf<Profile>().toEqualTypeOf<'accept' | 'rfc' | 'hardened'>();
    expectTypeOf<Level>().toEqualTypeOf<'accept' | 'rfc' | 'hardened'>();
    expectTypeOf<'strict'>().toExtend<NonNullable<ConformanceOptions['profile']>>();
    expectTypeOf<'base64url'>().toExtend<RejectCategory>();
    // @ts-expect-error not a profile
    expectTypeOf<Profile>().toEqualTypeOf<'lax'>();
    // @ts-expect-error not a class
    expectTypeOf<'char-pluss'>().toExtend<CheckClassId>();
    expectTypeOf<'char-plus'>().toExtend<CheckClassId>();
  });

  it('the per-class verdicts and the cases have a stable shape', () => {
    expectTypeOf<ClassSummary['status']>().toEqualTypeOf<'pass' | 'fail' | 'advisory' | 'waived' | 'not-run'>();
    expectTypeOf<ConformanceReport['classes']>().toEqualTypeOf<ClassSummary[]>();
    expectTypeOf<Failure['answer']>().toEqualTypeOf<AdapterAnswer>();
    expectTypeOf<Difference['outcome']>().toEqualTypeOf<'regression' | 'improvement' | 'both-wrong' | 'allowed'>();
    expectTypeOf<Difference>().toHaveProperty('candidate');
    expectTypeOf<Difference>().toHaveProperty('baseline');
    expectTypeOf<Difference['expected']>().toEqualTypeOf<'accept' | 'reject'>();
  });

  it('the reporters take any report', () => {
    expectTypeOf(formatText).parameter(0).toEqualTypeOf<Report>();
    expectTypeOf(formatJson).parameter(0).toEqualTypeOf<Report>();
    expectTypeOf(formatJunit).parameter(0).toEqualTypeOf<Report>();
    expectTypeOf(formatText).returns.toEqualTypeOf<string>();
  });
});
