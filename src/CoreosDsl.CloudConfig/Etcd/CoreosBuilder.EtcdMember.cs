namespace CoreosDsl.CloudConfig;

/// <summary>The hand-written half of the generated <c>coreos</c> builder: Flatcar's etcd v3.</summary>
public sealed partial class CoreosBuilder
{
    /// <summary>
    /// Runs Flatcar's etcd v3 (the stock <c>etcd-member.service</c>, started) configured by the drop-in
    /// <c>20-etcd-member.conf</c> of <c>ETCD_*</c> variables: written as a <c>coreos.units</c> drop-in in
    /// cloud-config and as a <c>systemd.units[].dropins</c> entry in Ignition. The replacement of <c>Etcd2(...)</c>.
    /// </summary>
    /// <param name="configure">The member's settings.</param>
    /// <returns>This builder.</returns>
    public CoreosBuilder EtcdMember(Action<EtcdMemberBuilder> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        var member = new EtcdMemberBuilder();
        configure(member);
        var text = member.DropInText();
        return Units(units => units.Existing(EtcdMemberBuilder.UnitName, UnitCommand.Start, e => e
            .DropIns(d => d.Add(x => x.Name(EtcdMemberBuilder.DropInName).Content(text)))));
    }
}
