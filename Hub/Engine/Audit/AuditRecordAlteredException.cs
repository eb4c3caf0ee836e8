namespace IntegrationHub.Hub.Engine.Audit;

/// <summary>
/// A search met a record whose bytes in the log are no longer what was written (its line edited or gone since it was
/// indexed): the answer is refused rather than given without it. <c>audit verify</c> names every such record.
/// </summary>
public sealed class AuditRecordAlteredException : Exception
{
    public AuditRecordAlteredException()
    {
    }

    public AuditRecordAlteredException(string message)
        : base(message)
    {
    }

    public AuditRecordAlteredException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
