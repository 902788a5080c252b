namespace CoreosDsl.Ignition;

/// <summary>Conversions and run-time checks of the generated builders' arguments.</summary>
public static class IgnitionValues
{
    /// <summary>Returns <paramref name="value"/>, or throws naming the problem when it does not fit <paramref name="format"/>.</summary>
    /// <param name="value">The argument.</param>
    /// <param name="format">Its format (see <see cref="IgnitionFormats"/>).</param>
    /// <param name="parameter">The parameter name, for the exception.</param>
    /// <returns>The value.</returns>
    /// <exception cref="ArgumentException">The value does not fit the format.</exception>
    public static string Check(string value, string format, string parameter)
    {
        ArgumentNullException.ThrowIfNull(value, parameter);
        return IgnitionFormats.Problem(format, value) is { } problem ? throw new ArgumentException(problem, parameter) : value;
    }

    /// <summary>The number Ignition's JSON holds for a mode.</summary>
    /// <param name="mode">The permission bits (and setuid, setgid, sticky).</param>
    /// <returns>The mode as an integer (0644 is 420).</returns>
    /// <exception cref="ArgumentException">The mode has setuid, setgid or sticky bits, which spec 3.3.0 ignores.</exception>
    public static int Mode(UnixFileMode mode) => (int)mode is var bits and > 511
        ? throw new ArgumentException(IgnitionFormats.SpecialBits("0" + Convert.ToString(bits, 8)), nameof(mode))
        : (int)mode;

    /// <summary>The number Ignition's JSON holds for a mode written in octal digits.</summary>
    /// <param name="octal">Octal digits such as <c>0644</c>.</param>
    /// <returns>The mode as an integer (<c>"0644"</c> is 420).</returns>
    /// <exception cref="ArgumentException">Not an octal mode.</exception>
    public static int Mode(string octal) => Convert.ToInt32(Check(octal, "mode", nameof(octal)), 8);
}
