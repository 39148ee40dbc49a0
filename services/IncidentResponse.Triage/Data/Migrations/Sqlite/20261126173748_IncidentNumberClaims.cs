using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace IncidentResponse.Triage.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class IncidentNumberClaims : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "incident_number_claims",
                columns: table => new
                {
                    report_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    number = table.Column<string>(type: "TEXT", maxLength: 30, nullable: false),
                    claimed_at = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_incident_number_claims", x => x.report_id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_incident_number_claims_number",
                table: "incident_number_claims",
                column: "number",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "incident_number_claims");
        }
    }
}
