using IncidentResponse.Triage.Timeline;

namespace IncidentResponse.Triage.Tests.Timeline;

/// <summary>
/// Known answers: the hashes of one fixed entry, computed by the serialisation every stored chain was sealed with.
/// Any change to what is hashed, or how, fails here before it fails a verification of a stored timeline.
/// </summary>
public sealed class TimelineHashVectorTests
{
    private static TimelineEntry Entry() => new()
    {
        Id = Guid.Parse("0b9d6a52-3c1e-4f0a-9a57-2d8e1f6c4b11"),
        IncidentId = Guid.Parse("7e2f4c1a-9b3d-4e5f-8a6b-1c2d3e4f5a6b"),
        Sequence = 3,
        OccurredAt = new DateTimeOffset(2026, 11, 26, 9, 30, 15, 123, TimeSpan.FromHours(7)).AddTicks(4560),
        Kind = "unit-engaged",
        ActorId = "system:routing",
        ActorName = "Định tuyến",
        Channel = "system",
        SummaryVi = "Đã huy động đơn vị \"Công an tỉnh\" <PA05> & 'VNCERT'",
        SummaryEn = "Engaged unit \"Provincial Police\" <PA05> & 'VNCERT'",
        Data = """{"unit":"pa05-bn","rule":"chain-serious","tên":"Phòng An ninh mạng"}""",
        PreviousHash = "5f0c3b2a9d8e7f6a5b4c3d2e1f0a9b8c7d6e5f4a3b2c1d0e9f8a7b6c5d4e3f2a",
        Hash = "",
    };

    [Fact]
    public void The_legacy_hash_of_a_fixed_entry_is_the_known_one() =>
        Assert.Equal("02f53e4ae5d14666e5cfb2441dba3d7d073d415b0c0000eb83aa713bced9c08e", TimelineHasher.Hash(Entry()));

    [Fact]
    public void The_keyed_hash_of_a_fixed_entry_is_the_known_one() =>
        Assert.Equal("1307725cc20aedc11788195c2eb3c0a11d05d7b295a5d5a148ff305641f4699b", TimelineHasher.Hash(Entry(), "k2026", System.Text.Encoding.UTF8.GetBytes("timeline-key-for-known-answers-0123456789")));
}
