using IncidentResponse.Testing;
using IncidentResponse.Triage.Register;
using IncidentResponse.Triage.Tests.Support;

namespace IncidentResponse.Triage.Tests.Register;

/// <summary>The register's search, filters, sort, paging and backfill on both databases, and its refusals of bad input.</summary>
public sealed class RegisterTests(InfrastructureFixture infrastructure) : IClassFixture<InfrastructureFixture>
{
    [Fact]
    public async Task On_SQLite_the_register_finds_closed_incidents_without_diacritics_and_filters_sorts_and_pages()
    {
        using var database = await SqliteDatabase.CreateAsync();
        await RegisterScenario.RunAsync(() => database.NewContext());
    }

    [Fact]
    public async Task On_PostgreSQL_the_register_finds_closed_incidents_without_diacritics_and_filters_sorts_and_pages()
    {
        var database = await PostgresDatabase.CreateAsync(infrastructure, "register");
        await RegisterScenario.RunAsync(() => database.NewContext());
    }

    [Theory]
    [InlineData("status", "opened")]
    [InlineData("severity", "6")]
    [InlineData("minSeverity", "high")]
    [InlineData("from", "yesterday")]
    [InlineData("class", "nonsense")]
    [InlineData("serious", "maybe")]
    [InlineData("tlp", "purple")]
    [InlineData("unit", "a unit; drop")]
    [InlineData("drill", "1x")]
    [InlineData("sort", "colour")]
    [InlineData("order", "up")]
    [InlineData("page", "0")]
    [InlineData("pageSize", "201")]
    public void A_bad_value_is_refused_naming_its_field(string field, string value)
    {
        var query = field switch
        {
            "status" => new RegisterQuery { Status = value },
            "severity" => new RegisterQuery { Severity = value },
            "minSeverity" => new RegisterQuery { MinSeverity = value },
            "from" => new RegisterQuery { From = value },
            "class" => new RegisterQuery { Class = value },
            "serious" => new RegisterQuery { Serious = value },
            "tlp" => new RegisterQuery { Tlp = value },
            "unit" => new RegisterQuery { Unit = value },
            "drill" => new RegisterQuery { Drill = value },
            "sort" => new RegisterQuery { Sort = value },
            "order" => new RegisterQuery { Order = value },
            "page" => new RegisterQuery { Page = value },
            _ => new RegisterQuery { PageSize = value },
        };

        var (filter, errors) = query.Parse();

        Assert.Null(filter);
        Assert.Equal([field], errors.Keys);
    }

    [Fact]
    public void The_old_query_strings_still_parse_and_a_period_ending_before_it_starts_is_refused()
    {
        var (filter, errors) = new RegisterQuery { Status = "open,triage", MinSeverity = "3", Serious = "true", Drill = "false", Page = "2", PageSize = "25" }.Parse();
        Assert.Empty(errors);
        Assert.Equal((2, 25, 3, true), (filter!.Page, filter.PageSize, filter.MinSeverity, filter.Serious));

        var (_, period) = new RegisterQuery { From = "2026-12-02T00:00:00Z", To = "2026-12-01T00:00:00+07:00" }.Parse();
        Assert.Equal(["to"], period.Keys);
    }
}
