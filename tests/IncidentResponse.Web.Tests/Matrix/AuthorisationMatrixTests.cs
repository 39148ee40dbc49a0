using System.Globalization;
using System.Text;

namespace IncidentResponse.Web.Tests.Matrix;

/// <summary>
/// Issue 26: every door of the real Host (each API endpoint and console page, with each method) × every kind of
/// caller, against one table of expected answers (<see cref="AuthorisationMatrix"/>). A door without a row fails.
/// </summary>
public sealed class AuthorisationMatrixTests(MatrixHost site) : IClassFixture<MatrixHost>
{
    private const string EngagedUnit = "vnpt-bn";
    private const string OtherUnit = "viettel-bn";

    [Fact]
    public void Every_door_of_the_Host_has_a_row_and_every_row_is_a_door()
    {
        var doors = Doors.Of(site.Host.Services);
        var rows = AuthorisationMatrix.Rows.Select(r => r.Door).ToList();

        var missing = doors.Except(rows).ToList();
        var extra = rows.Except(doors).ToList();
        Assert.True(missing.Count == 0 && extra.Count == 0,
            $"doors without a row (add them to AuthorisationMatrix):\n  {string.Join("\n  ", missing)}\nrows that are no door:\n  {string.Join("\n  ", extra)}");
        Assert.Equal(rows.Count, rows.Distinct().Count());
    }

    [Fact(Timeout = 300_000)]
    public async Task Every_caller_gets_at_every_door_the_answer_its_row_expects()
    {
        var resources = await Resources.FileAsync(site, EngagedUnit, isp: "VNPT");
        using var credentials = await Credentials.IssueAsync(site, EngagedUnit, OtherUnit);
        // Redirects are answers here: a client that followed them would report the login page's 200.
        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = site.Host.BaseAddress };
        var wrong = new List<string>();
        var record = new StringBuilder();
        foreach (var row in AuthorisationMatrix.Rows)
        {
            var answers = new List<string>();
            foreach (var column in Credentials.Columns)
            {
                var path = resources.PathOf(row.Method, row.Pattern);
                var browser = row.IsPage ? credentials.Browser(column) : null;
                var answer = await Knock.AtAsync(browser?.Http ?? http, row.Method, path, browser is null ? credentials.Bearer(column) : null);
                answers.Add(answer);
                var expected = row.Expect[column];
                if (!Knock.Meets(expected, answer))
                {
                    wrong.Add($"{row.Door} as {column} ({row.Method} {path}): expected {expected}, got {answer}");
                }
            }

            record.Append(CultureInfo.InvariantCulture, $"    {row.Door,-82}").AppendJoin(" ", answers.Select(a => $"{a,-6}")).AppendLine();
        }

        if (Environment.GetEnvironmentVariable("IR_MATRIX_RECORD") is { Length: > 0 } file)
        {
            await File.WriteAllTextAsync(file, record.ToString(), TestContext.Current.CancellationToken);
        }

        Assert.True(wrong.Count == 0, $"{wrong.Count} answers differ from the matrix:\n{string.Join("\n", wrong)}");
    }
}
