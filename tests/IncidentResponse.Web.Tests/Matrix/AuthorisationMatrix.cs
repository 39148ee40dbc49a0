namespace IncidentResponse.Web.Tests.Matrix;

/// <summary>
/// Who may pass each door of the Host: one row per route and method, one column per kind of caller
/// (<see cref="Credentials.Columns"/>). Words are those of <see cref="Knock.Word"/>: <c>ok</c> 2xx, <c>in</c> the door
/// opened and judged the (deliberately unreadable or unknown) request on its merits, <c>401</c> no valid credential,
/// <c>403</c> a credential without the right, <c>404</c> hidden from this caller, <c>login</c>/<c>denied</c> the console's
/// redirects. People are API keys on the API and signed-in browsers on pages; reads use an incident routed to
/// <c>resp</c>'s unit and not to <c>other</c>'s, writes use unknown ids.
/// </summary>
internal static class AuthorisationMatrix
{
    public const string Table = """
        door                                                                              coord  oper   viewer resp   other  events alertm beat   sms    none   expired revoked
        GET /                                                                             ok     ok     ok     ok     ok     login  login  login  login  login  login  login
        POST /                                                                            in     in     in     in     in     login  login  login  login  login  login  login
        GET /account/two-factor                                                           ok     ok     ok     ok     ok     login  login  login  login  login  login  login
        POST /account/two-factor                                                          in     in     in     in     in     login  login  login  login  login  login  login
        GET /ack-assets/ack.css                                                           ok     ok     ok     ok     ok     ok     ok     ok     ok     ok     ok     ok
        GET /ack/{token}                                                                  in     in     in     in     in     in     in     in     in     in     in     in
        POST /ack/{token}                                                                 in     in     in     in     in     in     in     in     in     in     in     in
        GET /admin                                                                        ok     denied denied denied denied login  login  login  login  login  login  login
        POST /admin                                                                       in     denied denied denied denied login  login  login  login  login  login  login
        GET /admin/audit                                                                  ok     denied denied denied denied login  login  login  login  login  login  login
        POST /admin/audit                                                                 in     denied denied denied denied login  login  login  login  login  login  login
        GET /admin/directory                                                              ok     denied denied denied denied login  login  login  login  login  login  login
        POST /admin/directory                                                             in     denied denied denied denied login  login  login  login  login  login  login
        GET /admin/escalation                                                             ok     denied denied denied denied login  login  login  login  login  login  login
        POST /admin/escalation                                                            in     denied denied denied denied login  login  login  login  login  login  login
        GET /admin/integrations                                                           ok     denied denied denied denied login  login  login  login  login  login  login
        POST /admin/integrations                                                          in     denied denied denied denied login  login  login  login  login  login  login
        GET /admin/parked-work                                                            ok     denied denied denied denied login  login  login  login  login  login  login
        POST /admin/parked-work                                                           in     denied denied denied denied login  login  login  login  login  login  login
        GET /admin/users                                                                  ok     denied denied denied denied login  login  login  login  login  login  login
        POST /admin/users                                                                 in     denied denied denied denied login  login  login  login  login  login  login
        GET /analytics                                                                    ok     ok     ok     denied denied login  login  login  login  login  login  login
        POST /analytics                                                                   in     in     in     denied denied login  login  login  login  login  login  login
        GET /api/v1/analytics/deliveries                                                  ok     ok     ok     ok     ok     403    403    403    403    401    401    401
        GET /api/v1/analytics/incidents                                                   ok     ok     ok     ok     ok     403    403    403    403    401    401    401
        GET /api/v1/analytics/units                                                       ok     ok     ok     ok     ok     403    403    403    403    401    401    401
        GET /api/v1/api-keys/                                                             ok     403    403    403    403    403    403    403    403    401    401    401
        POST /api/v1/api-keys/                                                            in     403    403    403    403    403    403    403    403    401    401    401
        DELETE /api/v1/api-keys/{id:guid}                                                 in     403    403    403    403    403    403    403    403    401    401    401
        GET /api/v1/audit                                                                 ok     403    403    403    403    403    403    403    403    401    401    401
        POST /api/v1/channels/telegram/updates                                            401    401    401    401    401    401    401    401    401    401    401    401
        POST /api/v1/channels/voice/callback                                              401    401    401    401    401    401    401    401    401    401    401    401
        POST /api/v1/channels/zalo/events                                                 401    401    401    401    401    401    401    401    401    401    401    401
        GET /api/v1/deadline-clocks                                                       in     in     in     403    403    403    403    403    403    401    401    401
        GET /api/v1/deliveries/                                                           ok     ok     ok     403    403    403    403    403    403    401    401    401
        GET /api/v1/deliveries/{id:guid}                                                  ok     ok     ok     403    403    403    403    403    403    401    401    401
        POST /api/v1/deliveries/{id:guid}/resend                                          in     in     403    403    403    403    403    403    403    401    401    401
        GET /api/v1/documents/forms                                                       ok     ok     ok     403    403    403    403    403    403    401    401    401
        GET /api/v1/duties/                                                               ok     ok     ok     403    403    403    403    403    403    401    401    401
        GET /api/v1/engagements                                                           in     in     in     403    403    403    403    403    403    401    401    401
        GET /api/v1/engagements/{id:guid}                                                 ok     ok     ok     ok     404    403    403    403    403    401    401    401
        POST /api/v1/engagements/{id:guid}/accept                                         in     in     403    in     in     403    403    403    403    401    401    401
        POST /api/v1/engagements/{id:guid}/acknowledge                                    in     in     403    in     in     403    403    403    403    401    401    401
        POST /api/v1/engagements/{id:guid}/decline                                        in     in     403    in     in     403    403    403    403    401    401    401
        GET /api/v1/engagements/{id:guid}/escalation                                      ok     ok     ok     403    403    403    403    403    403    401    401    401
        POST /api/v1/engagements/{id:guid}/notes                                          in     in     403    in     in     403    403    403    403    401    401    401
        POST /api/v1/engagements/{id:guid}/resolve                                        in     in     403    in     in     403    403    403    403    401    401    401
        GET /api/v1/escalation/chains                                                     in     in     in     403    403    403    403    403    403    401    401    401
        GET /api/v1/escalation/policies                                                   ok     ok     ok     403    403    403    403    403    403    401    401    401
        GET /api/v1/heartbeats/                                                           ok     ok     ok     403    403    403    403    403    403    401    401    401
        PUT /api/v1/heartbeats/{name}                                                     in     403    403    403    403    403    403    403    403    401    401    401
        POST /api/v1/heartbeats/{name}/ping                                               403    403    403    403    403    403    403    in     403    401    401    401
        GET /api/v1/incidents/                                                            ok     ok     ok     403    403    403    403    403    403    401    401    401
        GET /api/v1/incidents/export                                                      ok     ok     ok     403    403    403    403    403    403    401    401    401
        GET /api/v1/incidents/{id:guid}                                                   ok     ok     ok     403    403    403    403    403    403    401    401    401
        GET /api/v1/incidents/{id:guid}/deadline-clocks                                   ok     ok     ok     403    403    403    403    403    403    401    401    401
        GET /api/v1/incidents/{id:guid}/documents/issued                                  ok     ok     ok     403    403    403    403    403    403    401    401    401
        GET /api/v1/incidents/{id:guid}/documents/issued/{documentId:guid}                404    404    404    403    403    403    403    403    403    401    401    401
        POST /api/v1/incidents/{id:guid}/documents/issued/{documentId:guid}/send          in     in     403    403    403    403    403    403    403    401    401    401
        POST /api/v1/incidents/{id:guid}/documents/{form}/issue                           in     in     403    403    403    403    403    403    403    401    401    401
        POST /api/v1/incidents/{id:guid}/documents/{form}/preview                         in     in     403    403    403    403    403    403    403    401    401    401
        GET /api/v1/incidents/{id:guid}/duties                                            ok     ok     ok     403    403    403    403    403    403    401    401    401
        POST /api/v1/incidents/{id:guid}/duties/{dutyId}/submit                           in     in     403    403    403    403    403    403    403    401    401    401
        POST /api/v1/incidents/{id:guid}/duties/{dutyId}/waive                            in     in     403    403    403    403    403    403    403    401    401    401
        GET /api/v1/incidents/{id:guid}/engagements                                       ok     ok     ok     403    403    403    403    403    403    401    401    401
        POST /api/v1/incidents/{id:guid}/national-security                                in     in     403    403    403    403    403    403    403    401    401    401
        POST /api/v1/incidents/{id:guid}/notes                                            in     in     403    403    403    403    403    403    403    401    401    401
        POST /api/v1/incidents/{id:guid}/personal-data                                    in     in     403    403    403    403    403    403    403    401    401    401
        POST /api/v1/incidents/{id:guid}/severity                                         in     in     403    403    403    403    403    403    403    401    401    401
        POST /api/v1/incidents/{id:guid}/status                                           in     in     403    403    403    403    403    403    403    401    401    401
        GET /api/v1/incidents/{id:guid}/timeline                                          ok     ok     ok     403    403    403    403    403    403    401    401    401
        GET /api/v1/incidents/{id:guid}/timeline/verify                                   ok     ok     ok     403    403    403    403    403    403    401    401    401
        GET /api/v1/incidents/{id}/documents/{form}                                       ok     ok     ok     403    403    403    403    403    403    401    401    401
        GET /api/v1/integrations/                                                         ok     403    403    403    403    403    403    403    403    401    401    401
        POST /api/v1/integrations/                                                        in     403    403    403    403    403    403    403    403    401    401    401
        POST /api/v1/integrations/alertmanager                                            403    403    403    403    403    403    in     403    403    401    401    401
        DELETE /api/v1/integrations/{id:guid}                                             in     403    403    403    403    403    403    403    403    401    401    401
        GET /api/v1/oncall/                                                               in     in     in     403    403    403    403    403    403    401    401    401
        GET /api/v1/oncall/gaps                                                           ok     ok     ok     403    403    403    403    403    403    401    401    401
        GET /api/v1/oncall/{unit}/calendar.ics                                            ok     ok     ok     403    403    403    403    403    403    401    401    401
        GET /api/v1/parked-work/                                                          ok     403    403    403    403    403    403    403    403    401    401    401
        GET /api/v1/parked-work/{id:guid}                                                 404    403    403    403    403    403    403    403    403    401    401    401
        POST /api/v1/parked-work/{id:guid}/discard                                        in     403    403    403    403    403    403    403    403    401    401    401
        POST /api/v1/parked-work/{id:guid}/replay                                         in     403    403    403    403    403    403    403    403    401    401    401
        GET /api/v1/people                                                                ok     ok     ok     403    403    403    403    403    403    401    401    401
        GET /api/v1/playbooks/                                                            ok     ok     ok     ok     ok     403    403    403    403    401    401    401
        GET /api/v1/playbooks/{slug}                                                      ok     ok     ok     ok     ok     403    403    403    403    401    401    401
        GET /api/v1/portal/incidents                                                      ok     ok     ok     ok     ok     403    403    403    403    401    401    401
        GET /api/v1/portal/incidents/{incidentId:guid}                                    ok     ok     ok     ok     404    403    403    403    403    401    401    401
        GET /api/v1/recipient-roles                                                       ok     ok     ok     403    403    403    403    403    403    401    401    401
        POST /api/v1/reports/                                                             in     in     403    403    403    403    403    403    403    401    401    401
        GET /api/v1/reports/held                                                          ok     ok     403    403    403    403    403    403    403    401    401    401
        GET /api/v1/reports/{id:guid}                                                     ok     ok     ok     404    404    404    404    404    404    401    401    401
        GET /api/v1/reports/{id:guid}/attachments                                         ok     ok     ok     404    404    404    404    404    404    401    401    401
        GET /api/v1/reports/{id:guid}/attachments/{attachmentId:guid}                     404    404    404    404    404    404    404    404    404    401    401    401
        POST /api/v1/reports/{id:guid}/confirm                                            in     in     403    403    403    403    403    403    403    401    401    401
        POST /api/v1/reports/{id:guid}/reject                                             in     in     403    403    403    403    403    403    403    401    401    401
        POST /api/v1/sms/inbound                                                          403    403    403    403    403    403    403    403    in     401    401    401
        GET /api/v1/statistics/mau-05                                                     in     in     in     403    403    403    403    403    403    401    401    401
        GET /api/v1/timeline/verify                                                       ok     403    403    403    403    403    403    403    403    401    401    401
        GET /api/v1/units/                                                                ok     ok     ok     403    403    403    403    403    403    401    401    401
        GET /api/v1/units/{code}                                                          ok     ok     ok     403    403    403    403    403    403    401    401    401
        GET /api/v1/units/{code}/people                                                   ok     ok     ok     403    403    403    403    403    403    401    401    401
        GET /api/v1/users/                                                                ok     403    403    403    403    403    403    403    403    401    401    401
        POST /api/v1/users/                                                               in     403    403    403    403    403    403    403    403    401    401    401
        GET /api/v1/users/{id:guid}                                                       404    403    403    403    403    403    403    403    403    401    401    401
        PUT /api/v1/users/{id:guid}                                                       in     403    403    403    403    403    403    403    403    401    401    401
        POST /api/v1/users/{id:guid}/disable                                              in     403    403    403    403    403    403    403    403    401    401    401
        POST /api/v1/users/{id:guid}/enable                                               in     403    403    403    403    403    403    403    403    401    401    401
        POST /api/v1/users/{id:guid}/lock                                                 in     403    403    403    403    403    403    403    403    401    401    401
        POST /api/v1/users/{id:guid}/password                                             in     403    403    403    403    403    403    403    403    401    401    401
        DELETE /api/v1/users/{id:guid}/two-factor                                         in     403    403    403    403    403    403    403    403    401    401    401
        POST /api/v1/users/{id:guid}/unlock                                               in     403    403    403    403    403    403    403    403    401    401    401
        GET /board/events                                                                 ok     ok     ok     denied denied login  login  login  login  login  login  login
        GET /console/{name}                                                               ok     ok     ok     ok     ok     ok     ok     ok     ok     ok     ok     ok
        GET /denied                                                                       403    403    403    403    403    403    403    403    403    403    403    403
        POST /denied                                                                      in     in     in     in     in     in     in     in     in     in     in     in
        GET /duties                                                                       ok     ok     ok     403    403    login  login  login  login  login  login  login
        POST /duties                                                                      in     in     in     in     in     login  login  login  login  login  login  login
        GET /favicon.ico                                                                  ok     ok     ok     ok     ok     ok     ok     ok     ok     ok     ok     ok
        GET /health/live                                                                  ok     ok     ok     ok     ok     ok     ok     ok     ok     ok     ok     ok
        POST /health/live                                                                 ok     ok     ok     ok     ok     ok     ok     ok     ok     ok     ok     ok
        GET /health/ready                                                                 ok     ok     ok     ok     ok     ok     ok     ok     ok     ok     ok     ok
        POST /health/ready                                                                ok     ok     ok     ok     ok     ok     ok     ok     ok     ok     ok     ok
        GET /incidents/{id:guid}                                                          ok     ok     ok     ok     ok     login  login  login  login  login  login  login
        POST /incidents/{id:guid}                                                         in     in     in     in     in     login  login  login  login  login  login  login
        GET /lang                                                                         ok     ok     ok     ok     ok     ok     ok     ok     ok     ok     ok     ok
        POST /lang                                                                        in     in     in     in     in     in     in     in     in     in     in     in
        GET /login                                                                        ok     ok     ok     ok     ok     ok     ok     ok     ok     ok     ok     ok
        POST /login                                                                       in     in     in     in     in     in     in     in     in     in     in     in
        GET /login/code                                                                   login  login  login  login  login  login  login  login  login  login  login  login
        POST /login/code                                                                  in     in     in     in     in     in     in     in     in     in     in     in
        GET /logout                                                                       ok     ok     ok     ok     ok     ok     ok     ok     ok     ok     ok     ok
        POST /logout                                                                      in     in     in     in     in     in     in     in     in     in     in     in
        GET /metrics                                                                      ok     ok     ok     403    403    403    403    403    403    401    401    401
        GET /oncall                                                                       ok     ok     ok     ok     ok     login  login  login  login  login  login  login
        POST /oncall                                                                      in     in     in     in     in     login  login  login  login  login  login  login
        GET /oncall/feed/{token}/calendar.ics                                             404    404    404    404    404    404    404    404    404    404    404    404
        GET /openapi/ui                                                                   ok     ok     ok     ok     ok     403    403    403    403    401    401    401
        HEAD /openapi/ui                                                                  ok     ok     ok     ok     ok     403    403    403    403    401    401    401
        GET /openapi/ui/{**file}                                                          ok     ok     ok     ok     ok     403    403    403    403    401    401    401
        HEAD /openapi/ui/{**file}                                                         ok     ok     ok     ok     ok     403    403    403    403    401    401    401
        GET /openapi/{documentName}.json                                                  ok     ok     ok     ok     ok     403    403    403    403    401    401    401
        GET /playbooks                                                                    ok     ok     ok     ok     ok     login  login  login  login  login  login  login
        POST /playbooks                                                                   in     in     in     in     in     login  login  login  login  login  login  login
        GET /playbooks/{slug}                                                             ok     ok     ok     ok     ok     login  login  login  login  login  login  login
        POST /playbooks/{slug}                                                            in     in     in     in     in     login  login  login  login  login  login  login
        GET /portal                                                                       ok     ok     ok     ok     ok     login  login  login  login  login  login  login
        POST /portal                                                                      in     in     in     in     in     login  login  login  login  login  login  login
        GET /portal/incidents/{id:guid}                                                   ok     ok     ok     ok     404    login  login  login  login  login  login  login
        POST /portal/incidents/{id:guid}                                                  in     in     in     in     in     login  login  login  login  login  login  login
        GET /register                                                                     ok     ok     ok     403    403    login  login  login  login  login  login  login
        POST /register                                                                    in     in     in     in     in     login  login  login  login  login  login  login
        GET /reports/held                                                                 ok     ok     denied denied denied login  login  login  login  login  login  login
        POST /reports/held                                                                in     in     denied denied denied login  login  login  login  login  login  login
        GET /reports/new                                                                  ok     ok     denied denied denied login  login  login  login  login  login  login
        POST /reports/new                                                                 in     in     denied denied denied login  login  login  login  login  login  login
        GET /reports/{id:guid}                                                            ok     ok     ok     denied denied login  login  login  login  login  login  login
        POST /reports/{id:guid}                                                           in     in     in     denied denied login  login  login  login  login  login  login
        POST /v2/enqueue                                                                  in     in     in     in     in     in     in     in     in     in     in     in
        """;

    public static IReadOnlyList<MatrixRow> Rows { get; } = MatrixRow.Parse(Table);
}
