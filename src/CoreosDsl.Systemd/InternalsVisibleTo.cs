using System.Runtime.CompilerServices;

// The value tests compare systemd's full-range parsers (microseconds and bytes as unsigned 64-bit numbers, which
// the public TimeSpan/long types cannot hold) and the word reader directly with the systemd-analyze oracle.
[assembly: InternalsVisibleTo("CoreosDsl.Systemd.Tests")]

// The "did you mean" of the unit rules (compiled into CoreosDsl) and of the cloud-config and Ignition validators share EditDistance.
[assembly: InternalsVisibleTo("CoreosDsl")]
[assembly: InternalsVisibleTo("CoreosDsl.CloudConfig")]
[assembly: InternalsVisibleTo("CoreosDsl.Ignition")]
