using System.Runtime.CompilerServices;

// The value tests compare systemd's full-range parsers (microseconds and bytes as unsigned 64-bit numbers, which
// the public TimeSpan/long types cannot hold) and the word reader directly with the systemd-analyze oracle.
[assembly: InternalsVisibleTo("CoreosDsl.Systemd.Tests")]
