namespace Fleet;

/// <summary>One machine of the inventory file.</summary>
/// <param name="Name">The worker's name (also its host name).</param>
/// <param name="MacAddress">The MAC address of the NIC it boots from.</param>
/// <param name="Role">What it runs: <c>ingress</c> or <c>batch</c>.</param>
public sealed record Machine(string Name, string MacAddress, string Role);

/// <summary>Reads <c>inventory.txt</c>: machine data lives in a file, not in code.</summary>
public static class Inventory
{
    /// <summary>The inventory next to the program.</summary>
    public static string DefaultPath => Path.Combine(AppContext.BaseDirectory, "inventory.txt");

    /// <summary>The machines listed in <paramref name="path"/> (name, MAC address, role per line; '#' starts a comment).</summary>
    /// <exception cref="FormatException">A line does not have three fields; the message names file and line.</exception>
    public static IReadOnlyList<Machine> Read(string path)
    {
        var machines = new List<Machine>();
        var lines = File.ReadAllLines(path);
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].Trim();
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            var fields = line.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length != 3)
            {
                throw new FormatException($"{path}, line {i + 1}: expected NAME MAC ROLE, found \"{line}\"");
            }

            machines.Add(new Machine(fields[0], fields[1], fields[2]));
        }

        return machines;
    }
}
