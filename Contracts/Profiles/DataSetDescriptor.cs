namespace IntegrationHub.Contracts.Profiles;

/// <summary>
/// One kind of data set: its name (what the access policy lists, e.g. <c>identity</c>) and its place on a member, so
/// that an agency's answer is put there and read back without anyone naming the member's property. A data set that is
/// also held at an address (utilities billed there) has a place on the address too.
/// </summary>
/// <typeparam name="T">The canonical data, e.g. <c>IdentityData</c>.</typeparam>
/// <param name="Name">The data set's name in the access policy and in each agency outcome.</param>
/// <param name="Read">The member's data set of this kind; null when it was not asked.</param>
/// <param name="Write">The member with this kind of data set set to the given one.</param>
/// <param name="AtAddress">Its place on the address, for a data set an agency also holds by address; null otherwise.</param>
public sealed record DataSetDescriptor<T>(
    string Name,
    Func<MemberProfile, DataSet<T>?> Read,
    Func<MemberProfile, DataSet<T>, MemberProfile> Write,
    AddressPlace<T>? AtAddress = null)
    where T : class;

/// <summary>Where a data set held at an address goes on the <see cref="AddressProfile"/>.</summary>
public sealed record AddressPlace<T>(Func<AddressProfile, DataSet<T>?> Read, Func<AddressProfile, DataSet<T>, AddressProfile> Write)
    where T : class;
