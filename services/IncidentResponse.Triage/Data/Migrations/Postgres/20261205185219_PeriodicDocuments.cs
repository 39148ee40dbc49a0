using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace IncidentResponse.Triage.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class PeriodicDocuments : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<Guid>(
                name: "document_id",
                schema: "triage",
                table: "periodic_reports",
                type: "uuid",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "periodic_documents",
                schema: "triage",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    report_id = table.Column<string>(type: "character varying(80)", maxLength: 80, nullable: false),
                    kind = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: false),
                    year = table.Column<int>(type: "integer", nullable: false),
                    version = table.Column<int>(type: "integer", nullable: false),
                    form = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    title = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    file_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    counts = table.Column<string>(type: "character varying(8000)", maxLength: 8000, nullable: false),
                    pdf = table.Column<byte[]>(type: "bytea", nullable: false),
                    pdf_sha256 = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    pdf_size = table.Column<long>(type: "bigint", nullable: false),
                    docx = table.Column<byte[]>(type: "bytea", nullable: false),
                    docx_sha256 = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    docx_size = table.Column<long>(type: "bigint", nullable: false),
                    issued_by_id = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    issued_by = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    issued_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    idempotency_key = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: true),
                    request_hash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_periodic_documents", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_periodic_documents_report_id_idempotency_key",
                schema: "triage",
                table: "periodic_documents",
                columns: new[] { "report_id", "idempotency_key" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_periodic_documents_report_id_version",
                schema: "triage",
                table: "periodic_documents",
                columns: new[] { "report_id", "version" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_periodic_documents_year",
                schema: "triage",
                table: "periodic_documents",
                column: "year");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "periodic_documents",
                schema: "triage");

            migrationBuilder.DropColumn(
                name: "document_id",
                schema: "triage",
                table: "periodic_reports");
        }
    }
}
