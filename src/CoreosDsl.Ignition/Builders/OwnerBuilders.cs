namespace CoreosDsl.Ignition;

/// <summary>Owners by name or by id for files (the spec's <c>user</c> and <c>group</c> objects in one call).</summary>
public sealed partial class FileBuilder
{
    /// <summary>Sets the owner by name, as the target's /etc/passwd and /etc/group know them.</summary>
    /// <param name="user">The user name.</param>
    /// <param name="group">The group name, or null to leave the group alone.</param>
    /// <returns>This builder.</returns>
    public FileBuilder Owner(string user, string? group = null) => Owners.ByName(this, User, Group, user, group);

    /// <summary>Sets the owner by id.</summary>
    /// <param name="uid">The user id.</param>
    /// <param name="gid">The group id, or null to leave the group alone.</param>
    /// <returns>This builder.</returns>
    public FileBuilder Owner(long uid, long? gid = null) => Owners.ById(this, User, Group, uid, gid);
}

/// <summary>Owners by name or by id for directories.</summary>
public sealed partial class DirectoryBuilder
{
    /// <summary>Sets the owner by name, as the target's /etc/passwd and /etc/group know them.</summary>
    /// <param name="user">The user name.</param>
    /// <param name="group">The group name, or null to leave the group alone.</param>
    /// <returns>This builder.</returns>
    public DirectoryBuilder Owner(string user, string? group = null) => Owners.ByName(this, User, Group, user, group);

    /// <summary>Sets the owner by id.</summary>
    /// <param name="uid">The user id.</param>
    /// <param name="gid">The group id, or null to leave the group alone.</param>
    /// <returns>This builder.</returns>
    public DirectoryBuilder Owner(long uid, long? gid = null) => Owners.ById(this, User, Group, uid, gid);
}

/// <summary>Owners by name or by id for links.</summary>
public sealed partial class LinkBuilder
{
    /// <summary>Sets the owner by name, as the target's /etc/passwd and /etc/group know them.</summary>
    /// <param name="user">The user name.</param>
    /// <param name="group">The group name, or null to leave the group alone.</param>
    /// <returns>This builder.</returns>
    public LinkBuilder Owner(string user, string? group = null) => Owners.ByName(this, User, Group, user, group);

    /// <summary>Sets the owner by id.</summary>
    /// <param name="uid">The user id.</param>
    /// <param name="gid">The group id, or null to leave the group alone.</param>
    /// <returns>This builder.</returns>
    public LinkBuilder Owner(long uid, long? gid = null) => Owners.ById(this, User, Group, uid, gid);
}

/// <summary>The one implementation behind the three <c>Owner</c> overload pairs.</summary>
internal static class Owners
{
    public static T ByName<T>(T builder, Func<Action<NodeUserBuilder>, T> user, Func<Action<NodeGroupBuilder>, T> group, string userName, string? groupName)
    {
        ArgumentException.ThrowIfNullOrEmpty(userName);
        user(u => u.Name(userName));
        if (groupName is not null)
        {
            group(g => g.Name(groupName));
        }

        return builder;
    }

    public static T ById<T>(T builder, Func<Action<NodeUserBuilder>, T> user, Func<Action<NodeGroupBuilder>, T> group, long uid, long? gid)
    {
        user(u => u.Id(uid));
        if (gid is { } g)
        {
            group(x => x.Id(g));
        }

        return builder;
    }
}
