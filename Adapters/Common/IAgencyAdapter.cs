namespace IntegrationHub.Adapters.Common;

/// <summary>
/// What the hub's engine sees of any agency: who it is, and a way back to its typed self
/// (<see cref="Accept{TResult}"/>) so that the engine handles every agency's data without casts and without
/// knowing which agency it is.
/// </summary>
public interface IAgencyAdapter
{
    AgencyDescriptor Agency { get; }

    /// <summary>Calls <paramref name="visitor"/> with this adapter as the <see cref="IAgencyAdapter{T}"/> it is.</summary>
    TResult Accept<TResult>(IAgencyVisitor<TResult> visitor);
}

/// <summary>Something done with an agency whatever the type of its data (fetching it, reading its data set off a member).</summary>
public interface IAgencyVisitor<out TResult>
{
    TResult Visit<T>(IAgencyAdapter<T> adapter) where T : class;
}

/// <summary>An agency whose data set is a <typeparamref name="T"/>.</summary>
public interface IAgencyAdapter<T> : IAgencyAdapter
    where T : class
{
    /// <summary>The agency and its data set: the set's name for the policy and where it lands on a member.</summary>
    new AgencyDescriptor<T> Agency { get; }

    /// <summary>
    /// The person's data in canonical form, or null when the agency holds nothing on them. Throws when the
    /// agency fails (<see cref="AgencyFailure.Classify"/> turns the exception into a status).
    /// </summary>
    Task<T?> FetchAsync(Fin fin, AgencyQuery query, CancellationToken cancellationToken);
}
