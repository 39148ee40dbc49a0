using Microsoft.AspNetCore.Http;

namespace IncidentResponse.ServiceDefaults.Web;

/// <summary>RFC 7807 answers with bilingual titles (Vietnamese first) and the field at fault.</summary>
public static class Problems
{
    public const string TypeBase = "https://incidentresponse.invalid/problems/";

    public static IResult Validation(IDictionary<string, string[]> errors) => Results.ValidationProblem(
        errors,
        title: "Dữ liệu không hợp lệ / Invalid input",
        detail: "Xem từng trường trong 'errors' / see each field in 'errors'",
        type: TypeBase + "validation");

    public static IResult Validation(string field, string message) => Validation(new Dictionary<string, string[]> { [field] = [message] });

    public static IResult NotFound(string what, object id) => Results.Problem(
        statusCode: StatusCodes.Status404NotFound,
        title: "Không tìm thấy / Not found",
        detail: $"{what} {id}",
        type: TypeBase + "not-found");

    public static IResult Conflict(string detail) => Results.Problem(
        statusCode: StatusCodes.Status409Conflict,
        title: "Xung đột / Conflict",
        detail: detail,
        type: TypeBase + "conflict");

    public static IResult Unprocessable(string title, string detail) => Results.Problem(
        statusCode: StatusCodes.Status422UnprocessableEntity,
        title: title,
        detail: detail,
        type: TypeBase + "unprocessable");

    public static IResult Status(int statusCode, string title, string detail) => Results.Problem(
        statusCode: statusCode,
        title: title,
        detail: detail,
        type: TypeBase + statusCode);
}
