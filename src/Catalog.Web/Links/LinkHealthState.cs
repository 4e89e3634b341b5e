namespace Catalog.Web.Links;

/// <summary>What the catalog believes about one link after its checks so far.</summary>
public sealed record LinkHealthState(
    LinkStatus? Status,
    DateTimeOffset? CheckedAt,
    int? HttpStatus,
    Uri? FinalUrl,
    DateTimeOffset? FirstStrikeAt,
    DateTimeOffset? DeadSince)
{
    public static readonly LinkHealthState Unchecked = new(null, null, null, null, null, null);

    public bool IsDead => DeadSince is not null;

    /// <summary>
    /// Folds one check into the state. Dead takes two strikes (broken or unreachable) at least deadAfter apart, so a
    /// host that is down for an afternoon is not buried; a success clears the strikes; a 429 says nothing at all.
    /// </summary>
    public LinkHealthState After(LinkVerdict verdict, DateTimeOffset now, TimeSpan deadAfter)
    {
        if (verdict.HttpStatus == 429)
        {
            return this;
        }

        var next = this with { Status = verdict.Status, CheckedAt = now, HttpStatus = verdict.HttpStatus, FinalUrl = verdict.FinalUrl };
        if (verdict.Status.IsStrike())
        {
            var first = FirstStrikeAt ?? now;
            var dead = DeadSince ?? (FirstStrikeAt is not null && now - first >= deadAfter ? now : null);
            return next with { FirstStrikeAt = first, DeadSince = dead };
        }

        // Timeouts, walls and server errors are no evidence either way: strikes stand, nothing is added.
        return verdict.Status is LinkStatus.Ok or LinkStatus.Redirected
            ? next with { FirstStrikeAt = null, DeadSince = null }
            : next;
    }
}
