// The oracles (xorriso, isoinfo, 7z, QEMU) and the stand-in stock image are Linux tools: so are these tests.
[assembly: System.Runtime.Versioning.SupportedOSPlatform("linux")]
