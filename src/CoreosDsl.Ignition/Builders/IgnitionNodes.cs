using System.Text.Json.Nodes;

namespace CoreosDsl.Ignition;

/// <summary>The tree operations the generated builders share: get-or-add objects, keyed list items, strings.</summary>
public static class IgnitionNodes
{
    /// <summary>The object under <paramref name="key"/>, added when missing.</summary>
    /// <param name="parent">The object that holds it.</param>
    /// <param name="key">The key.</param>
    /// <returns>The child object.</returns>
    public static JsonObject Object(JsonObject parent, string key)
    {
        if (parent[key] is JsonObject existing)
        {
            return existing;
        }

        var child = new JsonObject();
        parent[key] = child;
        return child;
    }

    /// <summary>The array under <paramref name="key"/>, added when missing.</summary>
    /// <param name="parent">The object that holds it.</param>
    /// <param name="key">The key.</param>
    /// <returns>The array.</returns>
    public static JsonArray Array(JsonObject parent, string key)
    {
        if (parent[key] is JsonArray existing)
        {
            return existing;
        }

        var array = new JsonArray();
        parent[key] = array;
        return array;
    }

    /// <summary>Appends a new object to the array under <paramref name="list"/>.</summary>
    /// <param name="parent">The object that holds the array.</param>
    /// <param name="list">The array's key.</param>
    /// <returns>The new item.</returns>
    public static JsonObject Append(JsonObject parent, string list)
    {
        var item = new JsonObject();
        Array(parent, list).Add(item);
        return item;
    }

    /// <summary>
    /// The item of the array under <paramref name="list"/> whose <paramref name="key"/> is <paramref name="value"/>,
    /// appended when there is none: Ignition refuses two items with the same path, name or device, so configuring
    /// one twice refines it.
    /// </summary>
    /// <param name="parent">The object that holds the array.</param>
    /// <param name="list">The array's key.</param>
    /// <param name="key">The identifying key of an item.</param>
    /// <param name="value">Its value.</param>
    /// <returns>The item.</returns>
    public static JsonObject Item(JsonObject parent, string list, string key, string value)
    {
        var array = Array(parent, list);
        foreach (var node in array)
        {
            if (node is JsonObject item && item[key] is JsonValue v && v.TryGetValue<string>(out var s) && s == value)
            {
                return item;
            }
        }

        var added = new JsonObject { [key] = value };
        array.Add(added);
        return added;
    }

    /// <summary>
    /// Adds strings (each checked against <paramref name="format"/>) to the array under <paramref name="list"/>, skipping
    /// those already there.
    /// </summary>
    /// <remarks>
    /// Ignition keys a list of strings by the strings themselves (its merge replaces an equal entry, and ignition-validate
    /// refuses a duplicate), so configuring an item twice (a user's groups in two places) yields each string once.
    /// </remarks>
    /// <param name="parent">The object that holds the array.</param>
    /// <param name="list">The array's key.</param>
    /// <param name="values">The strings.</param>
    /// <param name="format">The format of the items, or null.</param>
    public static void AddStrings(JsonObject parent, string list, IEnumerable<string> values, string? format)
    {
        var array = Array(parent, list);
        foreach (var value in values)
        {
            var checkedValue = format is null ? value : IgnitionValues.Check(value, format, nameof(values));
            if (!array.Any(node => node is JsonValue v && v.TryGetValue<string>(out var s) && s == checkedValue))
            {
                array.Add(checkedValue);
            }
        }
    }
}
