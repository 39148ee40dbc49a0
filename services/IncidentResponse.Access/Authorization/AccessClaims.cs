using System.Security.Claims;
using IncidentResponse.Contracts.Vocabulary;

namespace IncidentResponse.Access.Authorization;

public static class AccessClaims
{
    /// <summary>How the caller reached us (<see cref="ReportChannels.Api"/>, <see cref="ReportChannels.Web"/>); written on the timeline with every action.</summary>
    public const string Channel = "ir:channel";

    /// <summary>The partner unit a responder credential is bound to (its code in the directory).</summary>
    public const string Unit = "ir:unit";

    /// <summary>A console account's person id in the partner directory (on-call schedules name people by it).</summary>
    public const string Person = "ir:person";

    /// <summary>On a console session: the person must choose a new password before anything else (the value is <c>true</c>).</summary>
    public const string MustChangePassword = "ir:must-change-password";

    /// <summary>An integration key's kind (<c>events-v2</c>, <c>alertmanager</c>, <c>heartbeat</c>): the one door it opens.</summary>
    public const string IntegrationKind = "ir:integration-kind";

    /// <summary>
    /// A stable id of the caller for the record, e.g. <c>apikey:…</c>, <c>user:…</c>. A console session's cookie names the person
    /// by their bare id; it is written <c>user:…</c> as their console token names them, so one person has one actor id.
    /// </summary>
    public static string ActorId(this ClaimsPrincipal user) =>
        user?.FindFirstValue(ClaimTypes.NameIdentifier) is { } id
            ? Guid.TryParseExact(id, "D", out var person) ? "user:" + person.ToString("N") : id
            : "anonymous";

    /// <summary>A readable name of the caller for the record.</summary>
    public static string ActorName(this ClaimsPrincipal user) =>
        user?.FindFirstValue(ClaimTypes.Name) ?? "anonymous";

    public static string ActorChannel(this ClaimsPrincipal user) =>
        user?.FindFirstValue(Channel) ?? ReportChannels.Api;

    /// <summary>The unit a responder acts for; null for every other role.</summary>
    public static string? ResponderUnit(this ClaimsPrincipal user) =>
        user is not null && user.IsInRole(AccessRoles.Responder) ? user.FindFirstValue(Unit) ?? string.Empty : null;
}
