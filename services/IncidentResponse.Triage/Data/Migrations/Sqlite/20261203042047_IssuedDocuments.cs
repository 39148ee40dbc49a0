using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace IncidentResponse.Triage.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class IssuedDocuments : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<Guid>(
                name: "document_id",
                table: "incident_deadlines",
                type: "TEXT",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "document_sendings",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    document_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    incident_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    duty_id = table.Column<string>(type: "TEXT", maxLength: 60, nullable: true),
                    recipients = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    requested_by_id = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    requested_by = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    requested_at = table.Column<long>(type: "INTEGER", nullable: false),
                    idempotency_key = table.Column<string>(type: "TEXT", maxLength: 255, nullable: true),
                    request_hash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_document_sendings", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "issued_documents",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    incident_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    form = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    version = table.Column<int>(type: "INTEGER", nullable: false),
                    title = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    file_name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    edits = table.Column<string>(type: "TEXT", nullable: false),
                    pdf = table.Column<byte[]>(type: "BLOB", nullable: false),
                    pdf_sha256 = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    pdf_size = table.Column<long>(type: "INTEGER", nullable: false),
                    docx = table.Column<byte[]>(type: "BLOB", nullable: false),
                    docx_sha256 = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    docx_size = table.Column<long>(type: "INTEGER", nullable: false),
                    issued_by_id = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    issued_by = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    issued_at = table.Column<long>(type: "INTEGER", nullable: false),
                    timeline_sequence = table.Column<int>(type: "INTEGER", nullable: false),
                    idempotency_key = table.Column<string>(type: "TEXT", maxLength: 255, nullable: true),
                    request_hash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_issued_documents", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_document_sendings_document_id",
                table: "document_sendings",
                column: "document_id");

            migrationBuilder.CreateIndex(
                name: "ix_document_sendings_document_id_idempotency_key",
                table: "document_sendings",
                columns: new[] { "document_id", "idempotency_key" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_issued_documents_incident_id_form_version",
                table: "issued_documents",
                columns: new[] { "incident_id", "form", "version" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_issued_documents_incident_id_idempotency_key",
                table: "issued_documents",
                columns: new[] { "incident_id", "idempotency_key" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "document_sendings");

            migrationBuilder.DropTable(
                name: "issued_documents");

            migrationBuilder.DropColumn(
                name: "document_id",
                table: "incident_deadlines");
        }
    }
}
