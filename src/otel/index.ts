// OpenTelemetry adapter (export subpath captoken/otel).
export {};
