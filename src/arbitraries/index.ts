// Filled by the property-suite work: fast-check arbitraries for tokens (export subpath captoken/arbitraries).
export {};
