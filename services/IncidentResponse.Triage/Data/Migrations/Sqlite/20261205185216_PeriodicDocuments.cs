using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace IncidentResponse.Triage.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class PeriodicDocuments : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<Guid>(
                name: "document_id",
                table: "periodic_reports",
                type: "TEXT",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "periodic_documents",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    report_id = table.Column<string>(type: "TEXT", maxLength: 80, nullable: false),
                    kind = table.Column<string>(type: "TEXT", maxLength: 60, nullable: false),
                    year = table.Column<int>(type: "INTEGER", nullable: false),
                    version = table.Column<int>(type: "INTEGER", nullable: false),
                    form = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    title = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    file_name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    counts = table.Column<string>(type: "TEXT", maxLength: 8000, nullable: false),
                    pdf = table.Column<byte[]>(type: "BLOB", nullable: false),
                    pdf_sha256 = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    pdf_size = table.Column<long>(type: "INTEGER", nullable: false),
                    docx = table.Column<byte[]>(type: "BLOB", nullable: false),
                    docx_sha256 = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    docx_size = table.Column<long>(type: "INTEGER", nullable: false),
                    issued_by_id = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    issued_by = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    issued_at = table.Column<long>(type: "INTEGER", nullable: false),
                    idempotency_key = table.Column<string>(type: "TEXT", maxLength: 255, nullable: true),
                    request_hash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_periodic_documents", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_periodic_documents_report_id_idempotency_key",
                table: "periodic_documents",
                columns: new[] { "report_id", "idempotency_key" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_periodic_documents_report_id_version",
                table: "periodic_documents",
                columns: new[] { "report_id", "version" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_periodic_documents_year",
                table: "periodic_documents",
                column: "year");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "periodic_documents");

            migrationBuilder.DropColumn(
                name: "document_id",
                table: "periodic_reports");
        }
    }
}
