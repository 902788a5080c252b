using System.Text;

namespace CoreosDsl;

/// <summary>Writes the <c>syslinux.cfg</c> (or <c>isolinux.cfg</c>) that boots a worker, in the seed's layout.</summary>
public static class SyslinuxConfig
{
    /// <summary>The configuration text.</summary>
    public static string Write(BootSettings boot)
    {
        ArgumentNullException.ThrowIfNull(boot);
        var text = new StringBuilder();
        if (boot.SerialPort is { } port)
        {
            text.Append("serial ").Append(port).Append(" 115200\n");
        }

        text.Append("default ").Append(boot.Label).Append('\n');
        text.Append("prompt ").Append(boot.Prompt ? 1 : 0).Append('\n');
        text.Append("timeout ").Append(boot.TimeoutTenths).Append('\n');
        text.Append('\n');
        text.Append("label ").Append(boot.Label).Append('\n');
        text.Append("  menu default\n");
        text.Append("  kernel ").Append(boot.Kernel).Append('\n');
        text.Append("  append ").Append(boot.AppendLine()).Append('\n');
        return text.ToString();
    }
}
