using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace IncidentResponse.Intake.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class HotlineCallLog : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "hotline_calls",
                schema: "intake",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    received_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    caller_name = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    caller_phone = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    caller_organization = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    summary = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    outcome = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    report_id = table.Column<Guid>(type: "uuid", nullable: true),
                    logged_by = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    logged_by_id = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    logged_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    idempotency_key = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: true),
                    request_hash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_hotline_calls", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_hotline_calls_logged_by_id_idempotency_key",
                schema: "intake",
                table: "hotline_calls",
                columns: new[] { "logged_by_id", "idempotency_key" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_hotline_calls_received_at",
                schema: "intake",
                table: "hotline_calls",
                column: "received_at");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "hotline_calls",
                schema: "intake");
        }
    }
}
