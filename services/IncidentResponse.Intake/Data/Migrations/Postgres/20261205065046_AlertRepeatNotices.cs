using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace IncidentResponse.Intake.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class AlertRepeatNotices : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "repeat_announced_at",
                schema: "intake",
                table: "external_alerts",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "triggers_announced",
                schema: "intake",
                table: "external_alerts",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            // Until now every trigger was announced.
            migrationBuilder.Sql("UPDATE intake.external_alerts SET triggers_announced = triggers;");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "repeat_announced_at",
                schema: "intake",
                table: "external_alerts");

            migrationBuilder.DropColumn(
                name: "triggers_announced",
                schema: "intake",
                table: "external_alerts");
        }
    }
}
