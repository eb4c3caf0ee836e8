namespace IntegrationHub.ContactCentre.Calls;

/// <summary>A call waiting in a queue, ordered by when it joined it (then by number).</summary>
public sealed record QueuedCall(string Number, DateTimeOffset QueuedAt, string? CallerNumber, int PreviousCalls) : IComparable<QueuedCall>
{
    public int CompareTo(QueuedCall? other)
    {
        if (other is null) return 1;
        var byTime = QueuedAt.CompareTo(other.QueuedAt);
        return byTime != 0 ? byTime : string.CompareOrdinal(Number, other.Number);
    }
}

/// <summary>A call that stopped waiting: an operator answered it, or the caller hung up.</summary>
public sealed record QueueOutcome(DateTimeOffset At, string Department, bool Answered, TimeSpan Wait);

/// <summary>
/// What the contact centre looks like now, in memory, as a mirror of the store: each department's queue in order,
/// who holds which call, and the calls that stopped waiting within <see cref="Window"/>. It is changed only after the
/// store has committed the change, and rebuilt from the store at start, so it never shows what is not on disk. The
/// queues decide the order operators get calls; the store decides whether a call may still be taken.
/// </summary>
public sealed class LiveBoard
{
    /// <summary>How far back the monitor's "last hour" looks.</summary>
    public static readonly TimeSpan Window = TimeSpan.FromHours(1);

    private readonly Lock _gate = new();
    private readonly Dictionary<string, SortedSet<QueuedCall>> _queues = Topics.Departments.ToDictionary(d => d, _ => new SortedSet<QueuedCall>(), StringComparer.Ordinal);
    private readonly Dictionary<string, (string Department, QueuedCall Entry)> _waiting = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _heldBy = new(StringComparer.Ordinal);
    private readonly List<QueueOutcome> _recent = [];
    private long _version;
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Grows with every change; the monitor compares it to know whether anything moved.</summary>
    public long Version => Interlocked.Read(ref _version);

    /// <summary>Puts a waiting call at its place in its department's queue.</summary>
    public void Enqueue(string department, QueuedCall call)
    {
        ArgumentNullException.ThrowIfNull(call);
        lock (_gate)
        {
            if (_waiting.ContainsKey(call.Number)) return;
            _queues[department].Add(call);
            _waiting[call.Number] = (department, call);
            Changed();
        }
    }

    /// <summary>Takes the head of <paramref name="department"/>'s queue off it (to be answered), or null when empty.</summary>
    public QueuedCall? Dequeue(string department)
    {
        lock (_gate)
        {
            var queue = _queues[department];
            if (queue.Count == 0) return null;
            var head = queue.Min!;
            queue.Remove(head);
            _waiting.Remove(head.Number);
            Changed();
            return head;
        }
    }

    /// <summary>Takes a call off whatever queue it is in (hung up, transferred by another path); false when it is in none.</summary>
    public bool Remove(string number)
    {
        lock (_gate)
        {
            if (!_waiting.Remove(number, out var entry)) return false;
            _queues[entry.Department].Remove(entry.Entry);
            Changed();
            return true;
        }
    }

    /// <summary>
    /// Reserves <paramref name="operatorId"/> for taking a call, so two requests of one operator never take two calls;
    /// false with the call they hold (or null while another request of theirs is taking one).
    /// </summary>
    public bool TryClaim(string operatorId, out string? held)
    {
        lock (_gate)
        {
            if (_heldBy.TryGetValue(operatorId, out var current))
            {
                held = current.Length == 0 ? null : current;
                return false;
            }
            _heldBy[operatorId] = "";
            held = null;
            return true;
        }
    }

    /// <summary>An operator holds <paramref name="number"/> now (after their claim, or at a rebuild).</summary>
    public void Hold(string operatorId, string number)
    {
        lock (_gate)
        {
            _heldBy[operatorId] = number;
            Changed();
        }
    }

    /// <summary>The operator no longer holds <paramref name="number"/> (closed or transferred); null ends a claim that took nothing.</summary>
    public void Release(string operatorId, string? number)
    {
        lock (_gate)
        {
            if (_heldBy.TryGetValue(operatorId, out var held) && held == (number ?? "")) _heldBy.Remove(operatorId);
            Changed();
        }
    }

    /// <summary>Operators holding a call now.</summary>
    public int OperatorsOnCalls
    {
        get
        {
            lock (_gate) return _heldBy.Values.Count(v => v.Length > 0);
        }
    }

    /// <summary>Records that a call stopped waiting.</summary>
    public void Record(QueueOutcome outcome)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        lock (_gate)
        {
            _recent.Add(outcome);
            Changed();
        }
    }

    /// <summary>A follow-up was opened or done: the monitor's overdue count may have changed.</summary>
    public void FollowUpsChanged()
    {
        lock (_gate) Changed();
    }

    /// <summary>A department's waiting calls, in the order they will be answered.</summary>
    public IReadOnlyList<QueuedCall> Queue(string department)
    {
        lock (_gate) return [.. _queues[department]];
    }

    /// <summary>Per department: how many wait, since when the longest has, and the calls that stopped waiting since <paramref name="since"/>.</summary>
    public IReadOnlyList<(string Department, int Waiting, DateTimeOffset? OldestQueuedAt, IReadOnlyList<QueueOutcome> Recent)> Snapshot(DateTimeOffset since)
    {
        lock (_gate)
        {
            // Outcomes older than the window leave it for good: the list holds about an hour of calls at most.
            _recent.RemoveAll(o => o.At < since);
            return [.. Topics.Departments.Select(d => (d, _queues[d].Count, _queues[d].Count == 0 ? (DateTimeOffset?)null : _queues[d].Min!.QueuedAt,
                (IReadOnlyList<QueueOutcome>)[.. _recent.Where(o => o.Department == d && o.At >= since)]))];
        }
    }

    /// <summary>Completes when <see cref="Version"/> passes <paramref name="seen"/>, or when <paramref name="timeout"/> elapses on <paramref name="time"/>.</summary>
    public async Task WaitForChangeAsync(long seen, TimeSpan timeout, TimeProvider time, CancellationToken cancellationToken)
    {
        Task changed;
        lock (_gate)
        {
            if (_version != seen) return;
            changed = _changed.Task;
        }
        using var timer = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var delay = Task.Delay(timeout, time, timer.Token);
        await Task.WhenAny(changed, delay);
        await timer.CancelAsync();
        cancellationToken.ThrowIfCancellationRequested();
    }

    /// <summary>Forgets everything (before a rebuild from the store).</summary>
    public void Clear()
    {
        lock (_gate)
        {
            foreach (var queue in _queues.Values) queue.Clear();
            _waiting.Clear();
            _heldBy.Clear();
            _recent.Clear();
            Changed();
        }
    }

    // Called under the lock.
    private void Changed()
    {
        Interlocked.Increment(ref _version);
        var changed = _changed;
        _changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        changed.TrySetResult();
    }
}
