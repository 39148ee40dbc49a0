using System.Net;
using System.Text.Json;

namespace IncidentResponse.Web.Tests;

/// <summary>The administration pages: accounts, the audit log, read views, integration keys; and that nobody else may use them.</summary>
public sealed class AdministrationTests(ConsoleHostFixture host) : IClassFixture<ConsoleHostFixture>
{
    [Fact]
    public async Task A_coordinator_creates_an_account_on_the_page_and_the_audit_log_shows_it()
    {
        using var admin = await host.SignedInAsync(ConsoleHostFixture.AdminEmail, ConsoleHostFixture.AdminPassword);
        var email = $"nguoi-moi-{Guid.NewGuid():N}@example.invalid";
        await admin.GetAsync("/admin/users");

        var created = await admin.PostAsync("/admin/users?handler=Create",
            [new("NewUser.Email", email), new("NewUser.DisplayName", "Nguyễn Văn Trực"), new("NewUser.Role", "responder"), new("NewUser.Unit", "vnpt-bn")]);
        var password = System.Text.RegularExpressions.Regex.Match(created.Html, "<p class=\"secret\">([^<]+)</p>").Groups[1].Value;
        var audit = await admin.GetAsync("/admin/audit");

        Assert.Equal(HttpStatusCode.OK, created.Status);
        Assert.Equal(20, password.Length);
        Assert.Contains("Nguyễn Văn Trực", created.Html, StringComparison.Ordinal);
        Assert.Contains("user.created", audit.Html, StringComparison.Ordinal);
        Assert.Contains(email, audit.Html, StringComparison.Ordinal);
        var entry = (await host.AuditAsync()).First(e => e.GetProperty("after").GetString()?.Contains(email, StringComparison.Ordinal) == true);
        Assert.Equal("user.created", entry.GetProperty("action").GetString());
        Assert.StartsWith("user:", entry.GetProperty("actorId").GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain(password, entry.GetProperty("after").GetString()!, StringComparison.Ordinal);

        using var responder = host.Browser();
        Assert.Equal(HttpStatusCode.Redirect, (await responder.LoginAsync(email, password)).Status);
    }

    [Fact]
    public async Task A_responder_account_needs_a_unit_and_the_page_says_so()
    {
        using var admin = await host.SignedInAsync(ConsoleHostFixture.AdminEmail, ConsoleHostFixture.AdminPassword);
        await admin.GetAsync("/admin/users");

        var refused = await admin.PostAsync("/admin/users?handler=Create",
            [new("NewUser.Email", $"x-{Guid.NewGuid():N}@example.invalid"), new("NewUser.DisplayName", "Thiếu đơn vị"), new("NewUser.Role", "responder")]);

        Assert.Equal(HttpStatusCode.BadRequest, refused.Status);
        Assert.Contains("Bắt buộc với vai trò responder", refused.Html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Locking_on_the_page_stops_the_login_and_its_console_token_and_is_audited_before_and_after()
    {
        var (id, email, password) = await host.CreateUserAsync("operator");
        var token = await host.ConsoleTokenAsync(id);
        using var admin = await host.SignedInAsync(ConsoleHostFixture.AdminEmail, ConsoleHostFixture.AdminPassword);
        await admin.GetAsync("/admin/users");

        var locked = await admin.PostAsync($"/admin/users?handler=Lock&id={id}", []);
        using var person = host.Browser();
        var login = await person.LoginAsync(email, password);

        Assert.Equal(HttpStatusCode.OK, locked.Status);
        Assert.Contains("không đúng", login.Html, StringComparison.Ordinal); // a locked account reads like a wrong password (no oracle)
        Assert.Equal(HttpStatusCode.Unauthorized, await host.CallWithTokenAsync(token, HttpMethod.Get, "/api/v1/incidents"));
        var entry = (await host.AuditAsync()).First(e => e.GetProperty("action").GetString() == "user.locked" && e.GetProperty("subject").GetString() == $"user:{id:N}");
        Assert.Contains("\"lockedUntil\":null", entry.GetProperty("before").GetString()!, StringComparison.Ordinal);
        Assert.DoesNotContain("\"lockedUntil\":null", entry.GetProperty("after").GetString()!, StringComparison.Ordinal);

        await admin.PostAsync($"/admin/users?handler=Unlock&id={id}", []);
        using var again = host.Browser();
        Assert.Equal(HttpStatusCode.Redirect, (await again.LoginAsync(email, password)).Status);
    }

    [Fact]
    public async Task Disabling_and_resetting_the_password_work_through_the_API_with_audit_entries()
    {
        var (id, email, password) = await host.CreateUserAsync("viewer");

        using var reset = await host.Api.PostJsonAsync($"/api/v1/users/{id}/password", new { });
        var newPassword = JsonDocument.Parse(await reset.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).RootElement.GetProperty("password").GetString()!;
        using var person = host.Browser();
        var oldLogin = await person.LoginAsync(email, password);
        var newLogin = await person.LoginAsync(email, newPassword);
        using var disable = await host.Api.PostJsonAsync($"/api/v1/users/{id}/disable", new { });
        using var other = host.Browser();
        var disabledLogin = await other.LoginAsync(email, newPassword);

        Assert.Equal(HttpStatusCode.OK, reset.StatusCode);
        Assert.Equal(HttpStatusCode.OK, oldLogin.Status);
        Assert.Equal(HttpStatusCode.Redirect, newLogin.Status);
        Assert.Equal(HttpStatusCode.OK, disable.StatusCode);
        Assert.Contains("không đúng", disabledLogin.Html, StringComparison.Ordinal); // a disabled account reads like a wrong password (no oracle)
        var actions = (await host.AuditAsync()).Where(e => e.GetProperty("subject").GetString() == $"user:{id:N}").Select(e => e.GetProperty("action").GetString()).ToList();
        Assert.Contains("user.password-reset", actions);
        Assert.Contains("user.disabled", actions);
    }

    [Fact]
    public async Task A_chosen_password_the_rules_refuse_is_a_400_and_the_old_password_still_works()
    {
        var (id, email, password) = await host.CreateUserAsync("viewer");

        using var reset = await host.Api.PostJsonAsync($"/api/v1/users/{id}/password", new { password = "short" });
        using var person = host.Browser();
        var oldLogin = await person.LoginAsync(email, password);

        Assert.Equal(HttpStatusCode.BadRequest, reset.StatusCode);
        Assert.Equal("application/problem+json", reset.Content.Headers.ContentType?.MediaType);
        using var problem = JsonDocument.Parse(await reset.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.True(problem.RootElement.GetProperty("errors").TryGetProperty("password", out _), "the problem names the password field");
        Assert.Equal(HttpStatusCode.Redirect, oldLogin.Status); // nothing of the refused change was kept
        Assert.DoesNotContain(await host.AuditAsync(), e => e.GetProperty("subject").GetString() == $"user:{id:N}"
            && e.GetProperty("action").GetString() == "user.password-reset");
    }

    [Fact]
    public async Task A_viewer_cannot_change_anything_on_pages_or_through_the_API()
    {
        var (id, email, password) = await host.CreateUserAsync("viewer");
        using var viewer = await host.SignedInAsync(email, password);
        var usersBefore = (await host.Api.GetJsonAsync("/api/v1/users")).GetArrayLength();

        var adminPage = await viewer.GetAsync("/admin/users");
        var denied = await viewer.GetAsync(adminPage.Location!.PathAndQuery);
        await viewer.GetAsync("/");
        var create = await viewer.PostAsync("/admin/users?handler=Create",
            [new("NewUser.Email", "sneaky@example.invalid"), new("NewUser.DisplayName", "x"), new("NewUser.Role", "coordinator"), new("NewUser.Password", "Sneaky-password-123")]);
        var token = await host.ConsoleTokenAsync(id);

        Assert.Equal(HttpStatusCode.Redirect, adminPage.Status);
        Assert.Equal("/denied", adminPage.Location.AbsolutePath);
        Assert.Equal(HttpStatusCode.Forbidden, denied.Status);
        Assert.NotEqual(HttpStatusCode.OK, create.Status);
        Assert.Equal(usersBefore, (await host.Api.GetJsonAsync("/api/v1/users")).GetArrayLength());
        Assert.Equal(HttpStatusCode.OK, await host.CallWithTokenAsync(token, HttpMethod.Get, "/api/v1/incidents"));
        Assert.Equal(HttpStatusCode.Forbidden, await host.CallWithTokenAsync(token, HttpMethod.Post, "/api/v1/users", new { email = "x@example.invalid", displayName = "x", role = "coordinator" }));
        Assert.Equal(HttpStatusCode.Forbidden, await host.CallWithTokenAsync(token, HttpMethod.Post, "/api/v1/reports", new { title = "x" }));
        Assert.Equal(HttpStatusCode.Forbidden, await host.CallWithTokenAsync(token, HttpMethod.Post, "/api/v1/integrations", new { name = "x" }));
        Assert.Equal(HttpStatusCode.Forbidden, await host.CallWithTokenAsync(token, HttpMethod.Post, $"/api/v1/incidents/{Guid.NewGuid()}/notes", new { text = "x" }));
        Assert.Equal(HttpStatusCode.Forbidden, await host.CallWithTokenAsync(token, HttpMethod.Get, "/api/v1/audit"));
    }

    [Fact]
    public async Task The_read_views_show_the_directory_schedules_and_policies()
    {
        using var admin = await host.SignedInAsync(ConsoleHostFixture.AdminEmail, ConsoleHostFixture.AdminPassword);

        var directory = await admin.GetAsync("/admin/directory");
        var escalation = await admin.GetAsync("/admin/escalation");
        var index = await admin.GetAsync("/admin");

        Assert.Equal(HttpStatusCode.OK, directory.Status);
        Assert.Contains("vnpt-bn", directory.Html, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, escalation.Status);
        Assert.Contains("Chính sách chuyển cấp", escalation.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("leo thang", escalation.Html, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, index.Status);
    }

    [Fact]
    public async Task Integration_keys_are_issued_and_revoked_on_the_page_and_audited()
    {
        using var admin = await host.SignedInAsync(ConsoleHostFixture.AdminEmail, ConsoleHostFixture.AdminPassword);
        await admin.GetAsync("/admin/integrations");
        var name = "Zabbix " + Guid.NewGuid().ToString("N")[..6];
        var system = "cong-" + Guid.NewGuid().ToString("N")[..8];
        using (var entry = await host.Api.SendJsonAsync(HttpMethod.Put, $"/api/v1/systems/{system}", new { name = "Cổng giám sát" }))
        {
            Assert.Equal(HttpStatusCode.Created, entry.StatusCode);
        }

        var issued = await admin.PostAsync("/admin/integrations?handler=Create",
            [new("NewIntegration.Name", name), new("NewIntegration.Kind", "events-v2"), new("NewIntegration.Tlp", "amber"), new("NewIntegration.OnResolve", "resolve"),
                new("NewIntegration.SecurityLevel", "4"), new("NewIntegration.Isp", "Viettel"), new("NewIntegration.OwnerCanHandle", "false"),
                new("NewIntegration.SystemCode", system)]);
        var key = System.Text.RegularExpressions.Regex.Match(issued.Html, "<p class=\"secret\">([0-9a-f]+)</p>").Groups[1].Value;
        var unknown = await admin.PostAsync("/admin/integrations?handler=Create",
            [new("NewIntegration.Name", name + " 2"), new("NewIntegration.Kind", "events-v2"), new("NewIntegration.Tlp", "amber"), new("NewIntegration.OnResolve", "resolve"),
                new("NewIntegration.SystemCode", "khong-co-" + system)]);
        Assert.Equal(HttpStatusCode.BadRequest, unknown.Status);
        Assert.Contains($"Không có hệ thống đang dùng với mã &#x27;khong-co-{system}&#x27; trong danh mục", unknown.Html.Replace("&#39;", "&#x27;", StringComparison.Ordinal), StringComparison.Ordinal);
        var integration = (await host.Api.GetJsonAsync("/api/v1/integrations")).EnumerateArray().First(i => i.GetProperty("name").GetString() == name);
        // The facts of the systems it watches, which every alert of the source carries.
        Assert.Equal((4, "Viettel", false),
            (integration.GetProperty("securityLevel").GetInt32(), integration.GetProperty("isp").GetString(), integration.GetProperty("ownerCanHandle").GetBoolean()));
        Assert.Contains($"cấp độ 4 · ISP Viettel · hệ thống {system} · chủ quản không tự xử lý được", System.Net.WebUtility.HtmlDecode(issued.Html), StringComparison.Ordinal);
        Assert.Equal(system, integration.GetProperty("systemCode").GetString());
        var id = integration.GetProperty("id").GetGuid();
        var revoked = await admin.PostAsync($"/admin/integrations?handler=Revoke&id={id}", []);

        Assert.Equal(HttpStatusCode.OK, issued.Status);
        Assert.Equal(32, key.Length);
        Assert.Equal(HttpStatusCode.OK, revoked.Status);
        Assert.Contains("Đã thu hồi", revoked.Html, StringComparison.Ordinal);
        var actions = (await host.AuditAsync()).Where(e => e.GetProperty("subject").GetString() == $"integration:{id:N}").Select(e => e.GetProperty("action").GetString()).ToList();
        Assert.Equal(["integration.revoked", "integration.created"], actions);
    }
    [Fact]
    public async Task A_heartbeat_is_required_on_the_page_and_a_mistake_is_named_at_its_field()
    {
        using var admin = await host.SignedInAsync(ConsoleHostFixture.AdminEmail, ConsoleHostFixture.AdminPassword);
        var source = "Uptime " + Guid.NewGuid().ToString("N")[..6];
        using (var issued = await host.Api.PostJsonAsync("/api/v1/integrations", new { name = source, kind = "heartbeat" }))
        {
            Assert.Equal(HttpStatusCode.Created, issued.StatusCode);
        }

        var events = "Events " + Guid.NewGuid().ToString("N")[..6];
        using (var issued = await host.Api.PostJsonAsync("/api/v1/integrations", new { name = events, kind = "events-v2" }))
        {
            Assert.Equal(HttpStatusCode.Created, issued.StatusCode);
        }

        var eventsId = (await host.Api.GetJsonAsync("/api/v1/integrations")).EnumerateArray().First(i => i.GetProperty("name").GetString() == events).GetProperty("id").GetGuid();

        var id = (await host.Api.GetJsonAsync("/api/v1/integrations")).EnumerateArray().First(i => i.GetProperty("name").GetString() == source).GetProperty("id").GetGuid();
        var name = "cong-" + Guid.NewGuid().ToString("N")[..8];

        var page = await admin.GetAsync("/admin/heartbeats");
        var badName = await admin.PostAsync("/admin/heartbeats?handler=Define",
            [new("Heartbeat.Name", "Cổng <b>"), new("Heartbeat.IntegrationId", id.ToString()), new("Heartbeat.IntervalMinutes", "5")]);
        var noInterval = await admin.PostAsync("/admin/heartbeats?handler=Define",
            [new("Heartbeat.Name", name), new("Heartbeat.IntegrationId", id.ToString()), new("Heartbeat.IntervalMinutes", "")]);
        var defined = await admin.PostAsync("/admin/heartbeats?handler=Define",
            [new("Heartbeat.Name", name), new("Heartbeat.IntegrationId", id.ToString()), new("Heartbeat.IntervalMinutes", "120")]);
        var (_, email, password) = await host.CreateUserAsync("operator");
        using var operatorOnDuty = await host.SignedInAsync(email, password);
        var forbidden = await operatorOnDuty.GetAsync("/admin/heartbeats");

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Contains($"<option value=\"{id}\">", page.Html, StringComparison.Ordinal);
        Assert.DoesNotContain($"<option value=\"{eventsId}\">", page.Html, StringComparison.Ordinal); // an events key cannot ping
        var onEvents = await admin.PostAsync("/admin/heartbeats?handler=Define",
            [new("Heartbeat.Name", name), new("Heartbeat.IntegrationId", eventsId.ToString()), new("Heartbeat.IntervalMinutes", "5")]);
        Assert.Equal(HttpStatusCode.BadRequest, onEvents.Status);
        Assert.Matches("data-valmsg-for=\"Heartbeat.IntegrationId\"[^>]*>Một khóa tích hợp loại heartbeat", onEvents.Html);
        Assert.Equal(HttpStatusCode.BadRequest, badName.Status);
        Assert.Matches("data-valmsg-for=\"Heartbeat.Name\"[^>]*>Chữ thường", badName.Html);
        Assert.Equal(HttpStatusCode.BadRequest, noInterval.Status);
        Assert.Matches("data-valmsg-for=\"Heartbeat.IntervalMinutes\"[^>]*>Từ 1 đến 10080 phút", noInterval.Html);
        Assert.DoesNotContain("604800", noInterval.Html, StringComparison.Ordinal);
        var dots = await admin.PostAsync("/admin/heartbeats?handler=Define",
            [new("Heartbeat.Name", ".."), new("Heartbeat.IntegrationId", id.ToString()), new("Heartbeat.IntervalMinutes", "5")]);
        Assert.Equal(HttpStatusCode.BadRequest, dots.Status);
        Assert.Matches("data-valmsg-for=\"Heartbeat.Name\"[^>]*>Chữ thường", dots.Html);
        Assert.Equal(HttpStatusCode.OK, defined.Status);
        Assert.Contains($"Đã đặt tín hiệu định kỳ {name}.", defined.Html, StringComparison.Ordinal);
        var row = defined.Html[defined.Html.IndexOf($"<code>{name}</code>", StringComparison.Ordinal)..];
        row = row[..row.IndexOf("</tr>", StringComparison.Ordinal)];
        Assert.Contains(source, row, StringComparison.Ordinal);
        Assert.Contains("2 giờ", row, StringComparison.Ordinal);
        Assert.Contains("Chờ tín hiệu đầu tiên", row, StringComparison.Ordinal);
        var stored = (await host.Api.GetJsonAsync("/api/v1/heartbeats")).EnumerateArray().Single(h => h.GetProperty("name").GetString() == name);
        Assert.Equal((7200, id), (stored.GetProperty("intervalSeconds").GetInt32(), stored.GetProperty("integrationId").GetGuid()));
        Assert.Equal(HttpStatusCode.Redirect, forbidden.Status);
        Assert.Contains("/denied", forbidden.Location!.OriginalString, StringComparison.OrdinalIgnoreCase);

        // Removed from the page (an operator is sent away), gone from the API, and the log keeps both acts.
        Assert.Contains("name=\"name\" value=\"" + name + "\"", defined.Html, StringComparison.Ordinal);
        var notAllowed = await operatorOnDuty.PostAsync("/admin/heartbeats?handler=Delete", [new("name", name)]);
        Assert.Equal(HttpStatusCode.Redirect, notAllowed.Status);
        Assert.Contains("/denied", notAllowed.Location!.OriginalString, StringComparison.OrdinalIgnoreCase);
        var removed = await admin.PostAsync("/admin/heartbeats?handler=Delete", [new("name", name)]);
        Assert.Equal(HttpStatusCode.OK, removed.Status);
        Assert.Contains($"Đã gỡ tín hiệu định kỳ {name}.", removed.Html, StringComparison.Ordinal);
        Assert.DoesNotContain($"<code>{name}</code>", removed.Html, StringComparison.Ordinal);
        Assert.DoesNotContain((await host.Api.GetJsonAsync("/api/v1/heartbeats")).EnumerateArray(), h => h.GetProperty("name").GetString() == name);
        var again = await admin.PostAsync("/admin/heartbeats?handler=Delete", [new("name", name)]);
        Assert.Equal(HttpStatusCode.NotFound, again.Status);
        var audit = (await host.Api.GetJsonAsync($"/api/v1/audit?subject=heartbeat:{name}")).GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(["heartbeat.defined", "heartbeat.deleted"], audit.Select(e => e.GetProperty("action").GetString()).Order(StringComparer.Ordinal));
        Assert.Contains("\"intervalSeconds\":7200", audit.Single(e => e.GetProperty("action").GetString() == "heartbeat.deleted").GetProperty("before").GetString()!,
            StringComparison.Ordinal);

        // A revoked source can never ping: the API refuses to tie a heartbeat to it.
        using (var revoke = await host.Api.SendAsync(HttpMethod.Delete, $"/api/v1/integrations/{id}"))
        {
            Assert.True(revoke.IsSuccessStatusCode, $"{revoke.StatusCode}");
        }

        using var onRevoked = await host.Api.SendJsonAsync(HttpMethod.Put, $"/api/v1/heartbeats/{name}", new { integrationId = id, intervalSeconds = 60 });
        Assert.Equal(HttpStatusCode.BadRequest, onRevoked.StatusCode);
        Assert.Contains("integrationId", await onRevoked.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_maintenance_window_is_declared_on_the_page_named_on_the_board_ended_early_and_audited()
    {
        using var admin = await host.SignedInAsync(ConsoleHostFixture.AdminEmail, ConsoleHostFixture.AdminPassword);
        var name = "Zabbix cổng " + Guid.NewGuid().ToString("N")[..6];
        using (var issued = await host.Api.PostJsonAsync("/api/v1/integrations", new { name, kind = "events-v2" }))
        {
            Assert.Equal(HttpStatusCode.Created, issued.StatusCode);
        }

        var id = (await host.Api.GetJsonAsync("/api/v1/integrations")).EnumerateArray().First(i => i.GetProperty("name").GetString() == name).GetProperty("id").GetGuid();
        var vietnam = TimeProvider.System.GetUtcNow().ToOffset(TimeSpan.FromHours(7));
        var (_, email, password) = await host.CreateUserAsync("operator");
        using var operatorOnDuty = await host.SignedInAsync(email, password);

        var page = await admin.GetAsync("/admin/maintenance");
        var noEnd = await admin.PostAsync("/admin/maintenance?handler=Create",
            [new("NewWindow.IntegrationId", id.ToString()), new("NewWindow.EndsAt", ""), new("NewWindow.Reason", "Nâng cấp")]);
        var noTimes = await admin.PostAsync("/admin/maintenance?handler=Create",
            [new("NewWindow.IntegrationId", id.ToString()), new("NewWindow.EndsAt", vietnam.AddHours(2).ToString("yyyy-MM-dd'T'HH:mm", System.Globalization.CultureInfo.InvariantCulture)),
                new("NewWindow.Reason", "Sao lưu"), new("NewWindow.Repeat", "WEEKLY")]);
        var declared = await admin.PostAsync("/admin/maintenance?handler=Create",
            [new("NewWindow.IntegrationId", id.ToString()), new("NewWindow.EndsAt", vietnam.AddHours(2).ToString("yyyy-MM-dd'T'HH:mm", System.Globalization.CultureInfo.InvariantCulture)),
                new("NewWindow.Reason", "Nâng cấp máy chủ <b>cổng</b>")]);
        var board = await operatorOnDuty.GetAsync("/");
        var windowId = (await host.Api.GetJsonAsync("/api/v1/maintenance-windows")).EnumerateArray()
            .Single(w => w.GetProperty("integrationId").GetGuid() == id).GetProperty("id").GetGuid();
        var ended = await admin.PostAsync($"/admin/maintenance?handler=End&id={windowId}", []);
        var boardAfter = await operatorOnDuty.GetAsync("/");
        var forbidden = await operatorOnDuty.GetAsync("/admin/maintenance");

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Contains($"<option value=\"{id}\">", page.Html, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, noEnd.Status);
        Assert.Contains("data-valmsg-for=\"NewWindow.EndsAt\"", noEnd.Html, StringComparison.Ordinal);
        Assert.Matches("data-valmsg-for=\"NewWindow.EndsAt\"[^>]*>Bắt buộc", noEnd.Html);
        Assert.Equal(HttpStatusCode.BadRequest, noTimes.Status);
        Assert.Matches("data-valmsg-for=\"NewWindow.Times\"[^>]*>Từ 2 đến 366", noTimes.Html);
        Assert.Equal(HttpStatusCode.OK, declared.Status);
        Assert.Contains("Đã đặt thời gian bảo trì", declared.Html, StringComparison.Ordinal);
        Assert.Contains("&lt;b&gt;cổng&lt;/b&gt;", declared.Html, StringComparison.Ordinal); // the reason is text, not markup
        Assert.Contains($"Đang bảo trì: {name} đến", System.Net.WebUtility.HtmlDecode(board.Html), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, ended.Status);
        Assert.Contains("Đã kết thúc thời gian bảo trì", ended.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("Đang bảo trì:", boardAfter.Html, StringComparison.Ordinal);
        Assert.NotEqual(HttpStatusCode.OK, forbidden.Status);
        var actions = (await host.AuditAsync()).Where(e => e.GetProperty("subject").GetString() == $"maintenance-window:{windowId:N}").Select(e => e.GetProperty("action").GetString()).ToList();
        Assert.Equal(["maintenance.ended", "maintenance.created"], actions);
    }

    [Fact]
    public async Task A_coordinator_keeps_the_register_of_systems_on_its_page_and_an_operator_files_a_report_picking_one()
    {
        using var admin = await host.SignedInAsync(ConsoleHostFixture.AdminEmail, ConsoleHostFixture.AdminPassword);
        var code = "cong-" + Guid.NewGuid().ToString("N")[..8];
        KeyValuePair<string, string>[] entry =
        [
            new("Entry.Code", code), new("Entry.Name", "Cổng dịch vụ công <b>thử</b>"), new("Entry.OwnerAgency", "Văn phòng UBND tỉnh"),
            new("Entry.SecurityLevel", "4"), new("Entry.LevelApproval", "Quyết định số 123/QĐ-UBND"), new("Entry.Isp", "Viettel"),
            new("Entry.Ips", "203.0.113.30\n203.0.113.31"), new("Entry.NationalCritical", "true"),
        ];

        var empty = await admin.GetAsync("/admin/systems");
        var noName = await admin.PostAsync("/admin/systems?handler=Save", [new("Entry.Code", code), new("Entry.SecurityLevel", "4")]);
        var badIp = await admin.PostAsync("/admin/systems?handler=Save", [.. entry.Where(f => f.Key != "Entry.Ips"), new("Entry.Ips", "khong-phai-ip")]);
        var added = await admin.PostAsync("/admin/systems?handler=Save", entry);
        var edit = await admin.GetAsync($"/admin/systems?code={code}");
        var again = await admin.PostAsync("/admin/systems?handler=Save", entry); // "add" over an entry that exists
        var changed = await admin.PostAsync("/admin/systems?handler=Save", [.. entry.Where(f => f.Key != "Entry.Isp"), new("Entry.Isp", "VNPT"), new("Entry.ExpectedVersion", "1")]);
        var stale = await admin.PostAsync("/admin/systems?handler=Save", [.. entry, new("Entry.ExpectedVersion", "1")]);
        var blank = await admin.PostAsync("/admin/systems?handler=Save", [new("Entry.Name", "Không có mã")]);

        Assert.Equal(HttpStatusCode.OK, empty.Status);
        Assert.Equal(HttpStatusCode.BadRequest, noName.Status);
        Assert.Contains("id=\"err-Name\">Bắt buộc", noName.Html, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, badIp.Status);
        Assert.Contains("id=\"err-Ips\">Không phải địa chỉ IP", System.Net.WebUtility.HtmlDecode(badIp.Html), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, added.Status);
        Assert.Contains("Đã thêm hệ thống", added.Html, StringComparison.Ordinal);
        Assert.Contains($"<code>{code}</code>", added.Html, StringComparison.Ordinal);
        Assert.Contains("Quan trọng quốc gia", System.Net.WebUtility.HtmlDecode(added.Html), StringComparison.Ordinal);
        Assert.Contains("&lt;b&gt;thử&lt;/b&gt;", added.Html, StringComparison.Ordinal); // a name is text, not markup
        Assert.Contains("value=\"Viettel\"", edit.Html, StringComparison.Ordinal);
        Assert.Contains("203.0.113.30\n203.0.113.31</textarea>", System.Net.WebUtility.HtmlDecode(edit.Html), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Conflict, again.Status);
        Assert.Contains($"Mã {code} đã có trong danh mục", System.Net.WebUtility.HtmlDecode(again.Html), StringComparison.Ordinal);
        Assert.Contains("phiên bản 2", System.Net.WebUtility.HtmlDecode(changed.Html), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Conflict, stale.Status);
        Assert.Contains("đã được thay đổi (phiên bản 2)", System.Net.WebUtility.HtmlDecode(stale.Html), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, blank.Status);
        Assert.Contains("id=\"err-Code\">", blank.Html, StringComparison.Ordinal);
        var actions = (await host.AuditAsync()).Where(e => e.GetProperty("subject").GetString() == $"system:{code}").Select(e => e.GetProperty("action").GetString()).ToList();
        Assert.Equal(["system.changed", "system.created"], actions);

        var (_, email, password) = await host.CreateUserAsync("operator");
        using var operatorOnDuty = await host.SignedInAsync(email, password);
        Assert.NotEqual(HttpStatusCode.OK, (await operatorOnDuty.GetAsync("/admin/systems")).Status);
        var raw = (await operatorOnDuty.GetAsync("/reports/new")).Html;
        Assert.Matches($"<option value=\"{code}\">[^<]*&lt;b&gt;[^<]*&lt;/b&gt;[^<]*</option>", raw); // a name is text, not markup
        Assert.Contains($"<option value=\"{code}\">Cổng dịch vụ công <b>thử</b> (cấp độ 4)</option>", System.Net.WebUtility.HtmlDecode(raw), StringComparison.Ordinal);

        var filed = await operatorOnDuty.PostAsync("/reports/new", [
            new("Input.Title", "DDoS vào cổng " + code), new("Input.Description", "Cổng không truy cập được"), new("Input.Classification", "availability:ddos"),
            new("Input.SystemCode", code)]);
        Assert.Equal(HttpStatusCode.Redirect, filed.Status);
        var reportId = Guid.Parse(filed.Location!.OriginalString["/reports/".Length..]);
        var system = (await host.Api.GetJsonAsync($"/api/v1/reports/{reportId}")).GetProperty("report").GetProperty("affectedSystem");
        Assert.Equal((code, 4, "VNPT", "Văn phòng UBND tỉnh", true), (system.GetProperty("code").GetString(), system.GetProperty("securityLevel").GetInt32(),
            system.GetProperty("isp").GetString(), system.GetProperty("ownerAgency").GetString(), system.GetProperty("nationalCritical").GetBoolean()));
        Assert.Contains("name=\"Input.SystemNationalCritical\"", raw, StringComparison.Ordinal);

        var unknown = await operatorOnDuty.PostAsync("/reports/new", [
            new("Input.Title", "DDoS " + code), new("Input.Description", "x"), new("Input.Classification", "availability:ddos"), new("Input.SystemCode", "khong-co")]);
        Assert.Equal(HttpStatusCode.BadRequest, unknown.Status);
        Assert.Contains("Không có hệ thống đang dùng với mã 'khong-co' trong danh mục", System.Net.WebUtility.HtmlDecode(unknown.Html), StringComparison.Ordinal);
        // The code sent stays chosen on the page shown again, not silently dropped.
        Assert.Contains("<option value=\"khong-co\" selected>khong-co — không có trong danh mục đang dùng</option>", System.Net.WebUtility.HtmlDecode(unknown.Html), StringComparison.Ordinal);
    }
}
