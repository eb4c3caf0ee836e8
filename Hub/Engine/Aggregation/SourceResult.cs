using IntegrationHub.Adapters.Common;

namespace IntegrationHub.Hub.Engine.Aggregation;

/// <summary>One agency's answer about one person, whatever its data: what the aggregator counts and puts into a member.</summary>
public abstract class SourceResult
{
    private protected SourceResult()
    {
    }

    public abstract IAgencyAdapter Adapter { get; }

    public abstract Fin Fin { get; }

    public abstract SourceStatus Status { get; }

    public abstract Provenance? Provenance { get; }

    /// <summary>The member with this answer in its place (the agency's data set).</summary>
    public abstract MemberProfile ApplyTo(MemberProfile member);
}

/// <summary>One agency's answer about one person: the data set as it goes into the member.</summary>
public sealed class SourceResult<T>(IAgencyAdapter<T> adapter, Fin fin, DataSet<T> set) : SourceResult
    where T : class
{
    public override IAgencyAdapter Adapter => adapter;

    public override Fin Fin => fin;

    public DataSet<T> Set => set;

    public override SourceStatus Status => set.Status;

    public override Provenance? Provenance => set.Provenance;

    /// <summary>The data, when the agency answered with some.</summary>
    public T? Data => set.Status == SourceStatus.Ok ? set.Data : null;

    public override MemberProfile ApplyTo(MemberProfile member) => adapter.Agency.Set.Write(member, set);
}

/// <summary>One agency's answer about the applicant's registered address, ready to be put into the profile.</summary>
public abstract class AddressResult
{
    private protected AddressResult()
    {
    }

    public abstract AddressProfile ApplyTo(AddressProfile address);
}

/// <summary>One agency's answer about an address: the data set as it goes onto the address.</summary>
public sealed class AddressResult<T>(IAddressAgencyAdapter<T> adapter, DataSet<T> set) : AddressResult
    where T : class
{
    public DataSet<T> Set => set;

    public override AddressProfile ApplyTo(AddressProfile address) =>
        (adapter.Agency.Set.AtAddress ?? throw new InvalidOperationException($"Data set '{adapter.Agency.DataSet}' has no place on the address.")).Write(address, set);
}
