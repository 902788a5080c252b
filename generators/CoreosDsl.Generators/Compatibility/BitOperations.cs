namespace System.Numerics;

/// <summary>.NET's <c>BitOperations.RotateLeft</c> for the linked SipHash.</summary>
internal static class BitOperations
{
    public static ulong RotateLeft(ulong value, int offset) => (value << offset) | (value >> (64 - offset));
}
