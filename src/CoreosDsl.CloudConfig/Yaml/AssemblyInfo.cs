using System.Runtime.CompilerServices;

// The tests check the scalar typing rules (PlainScalarResolver, Yaml11Spec) directly.
[assembly: InternalsVisibleTo("CoreosDsl.CloudConfig.Tests")]
