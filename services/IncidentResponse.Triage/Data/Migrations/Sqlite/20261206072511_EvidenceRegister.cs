using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace IncidentResponse.Triage.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class EvidenceRegister : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "evidence_items",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    incident_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    number = table.Column<int>(type: "INTEGER", nullable: false),
                    file_name = table.Column<string>(type: "TEXT", maxLength: 255, nullable: false),
                    content_type = table.Column<string>(type: "TEXT", maxLength: 255, nullable: false),
                    size = table.Column<long>(type: "INTEGER", nullable: false),
                    sha256 = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    content = table.Column<byte[]>(type: "BLOB", nullable: false),
                    description = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    source = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    collected_at = table.Column<long>(type: "INTEGER", nullable: false),
                    collected_by = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    custodian = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    added_by_id = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    added_by = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    added_at = table.Column<long>(type: "INTEGER", nullable: false),
                    timeline_sequence = table.Column<int>(type: "INTEGER", nullable: false),
                    idempotency_key = table.Column<string>(type: "TEXT", maxLength: 255, nullable: true),
                    request_hash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_evidence_items", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_evidence_items_incident_id_idempotency_key",
                table: "evidence_items",
                columns: new[] { "incident_id", "idempotency_key" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_evidence_items_incident_id_number",
                table: "evidence_items",
                columns: new[] { "incident_id", "number" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "evidence_items");
        }
    }
}
