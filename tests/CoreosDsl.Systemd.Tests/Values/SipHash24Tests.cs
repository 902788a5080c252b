namespace CoreosDsl.Systemd.Tests.Values;

public class SipHash24Tests
{
    /// <summary>The reference vectors of the SipHash paper (appendix A): key 00..0f, messages 00, 00 01, ….</summary>
    [Theory]
    [InlineData(0, 0x726fdb47dd0e0e31UL)]
    [InlineData(1, 0x74f839c593dc67fdUL)]
    [InlineData(7, 0xab0200f58b01d137UL)]
    [InlineData(8, 0x93f5f5799a932462UL)]
    [InlineData(15, 0xa129ca6149be45e5UL)]
    [InlineData(63, 0x958a324ceb064572UL)]
    public void MatchesTheReferenceVectors(int length, ulong expected)
    {
        var key = Enumerable.Range(0, 16).Select(i => (byte)i).ToArray();
        var message = Enumerable.Range(0, length).Select(i => (byte)i).ToArray();
        Assert.Equal(expected, SipHash24.Hash(message, key));
    }
}
