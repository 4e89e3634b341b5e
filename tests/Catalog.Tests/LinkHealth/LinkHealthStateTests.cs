using Catalog.Web.Links;

namespace Catalog.Tests.LinkHealth;

public class LinkHealthStateTests
{
    private static readonly DateTimeOffset Monday = new(2026, 11, 30, 9, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Day = TimeSpan.FromDays(1);
    private static readonly Uri Url = new("https://example.org/paper");

    private static LinkVerdict Verdict(LinkStatus status, int? http = null) => new(status, http, Url, null);

    [Fact]
    public void OneBrokenCheckIsAStrikeNotADeath()
    {
        var state = LinkHealthState.Unchecked.After(Verdict(LinkStatus.Broken, 404), Monday, Day);

        Assert.Equal(Monday, state.FirstStrikeAt);
        Assert.False(state.IsDead);
    }

    [Fact]
    public void TwoStrikesCloserThanDeadAfterLeaveTheLinkAlive()
    {
        var state = LinkHealthState.Unchecked
            .After(Verdict(LinkStatus.Unreachable), Monday, Day)
            .After(Verdict(LinkStatus.Broken, 404), Monday.AddHours(3), Day);

        Assert.False(state.IsDead);
    }

    [Fact]
    public void TwoStrikesDeadAfterApartMakeTheLinkDeadFromTheSecond()
    {
        var state = LinkHealthState.Unchecked
            .After(Verdict(LinkStatus.Broken, 410), Monday, Day)
            .After(Verdict(LinkStatus.Unreachable), Monday.AddDays(1), Day);

        Assert.Equal(Monday.AddDays(1), state.DeadSince);
    }

    [Fact]
    public void ASuccessClearsTheStrikes()
    {
        var state = LinkHealthState.Unchecked
            .After(Verdict(LinkStatus.Broken, 404), Monday, Day)
            .After(Verdict(LinkStatus.Ok, 200), Monday.AddHours(1), Day)
            .After(Verdict(LinkStatus.Broken, 404), Monday.AddDays(2), Day);

        Assert.Equal(Monday.AddDays(2), state.FirstStrikeAt);
        Assert.False(state.IsDead);
    }

    [Fact]
    public void ATimeoutBetweenStrikesNeitherClearsNorAddsOne()
    {
        var state = LinkHealthState.Unchecked
            .After(Verdict(LinkStatus.Broken, 404), Monday, Day)
            .After(Verdict(LinkStatus.Timeout), Monday.AddHours(12), Day);

        Assert.Equal(Monday, state.FirstStrikeAt);
        Assert.Equal(LinkStatus.Timeout, state.Status);
        Assert.False(state.IsDead);
    }

    [Fact]
    public void ATooManyRequestsAnswerIsNeverKeptAsAVerdict()
    {
        var before = LinkHealthState.Unchecked.After(Verdict(LinkStatus.Ok, 200), Monday, Day);

        Assert.Same(before, before.After(Verdict(LinkStatus.Blocked, 429), Monday.AddDays(3), Day));
    }

    [Fact]
    public void ARunWhereMostHostsAreUnreachableIsInconclusive() =>
        Assert.True(RunVerdict.IsInconclusive([("a.org", LinkStatus.Unreachable), ("b.org", LinkStatus.Timeout), ("c.org", LinkStatus.Ok)]));

    [Fact]
    public void ARunWhereHalfTheHostsAnswerCounts() =>
        Assert.False(RunVerdict.IsInconclusive([("a.org", LinkStatus.Unreachable), ("b.org", LinkStatus.Broken), ("b.org", LinkStatus.Unreachable)]));
}
