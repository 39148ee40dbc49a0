using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace IncidentResponse.Triage.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class IncidentNumberClaims : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "incident_number_claims",
                schema: "triage",
                columns: table => new
                {
                    report_id = table.Column<Guid>(type: "uuid", nullable: false),
                    number = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    claimed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_incident_number_claims", x => x.report_id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_incident_number_claims_number",
                schema: "triage",
                table: "incident_number_claims",
                column: "number",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "incident_number_claims",
                schema: "triage");
        }
    }
}
