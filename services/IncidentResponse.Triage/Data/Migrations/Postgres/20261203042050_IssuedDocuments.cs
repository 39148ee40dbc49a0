using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace IncidentResponse.Triage.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class IssuedDocuments : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<Guid>(
                name: "document_id",
                schema: "triage",
                table: "incident_deadlines",
                type: "uuid",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "document_sendings",
                schema: "triage",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    document_id = table.Column<Guid>(type: "uuid", nullable: false),
                    incident_id = table.Column<Guid>(type: "uuid", nullable: false),
                    duty_id = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: true),
                    recipients = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    requested_by_id = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    requested_by = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    requested_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    idempotency_key = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: true),
                    request_hash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_document_sendings", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "issued_documents",
                schema: "triage",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    incident_id = table.Column<Guid>(type: "uuid", nullable: false),
                    form = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    version = table.Column<int>(type: "integer", nullable: false),
                    title = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    file_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    edits = table.Column<string>(type: "text", nullable: false),
                    pdf = table.Column<byte[]>(type: "bytea", nullable: false),
                    pdf_sha256 = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    pdf_size = table.Column<long>(type: "bigint", nullable: false),
                    docx = table.Column<byte[]>(type: "bytea", nullable: false),
                    docx_sha256 = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    docx_size = table.Column<long>(type: "bigint", nullable: false),
                    issued_by_id = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    issued_by = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    issued_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    timeline_sequence = table.Column<int>(type: "integer", nullable: false),
                    idempotency_key = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: true),
                    request_hash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_issued_documents", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_document_sendings_document_id",
                schema: "triage",
                table: "document_sendings",
                column: "document_id");

            migrationBuilder.CreateIndex(
                name: "ix_document_sendings_document_id_idempotency_key",
                schema: "triage",
                table: "document_sendings",
                columns: new[] { "document_id", "idempotency_key" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_issued_documents_incident_id_form_version",
                schema: "triage",
                table: "issued_documents",
                columns: new[] { "incident_id", "form", "version" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_issued_documents_incident_id_idempotency_key",
                schema: "triage",
                table: "issued_documents",
                columns: new[] { "incident_id", "idempotency_key" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "document_sendings",
                schema: "triage");

            migrationBuilder.DropTable(
                name: "issued_documents",
                schema: "triage");

            migrationBuilder.DropColumn(
                name: "document_id",
                schema: "triage",
                table: "incident_deadlines");
        }
    }
}
