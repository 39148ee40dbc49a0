using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace IncidentResponse.Notifications.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class Acknowledgements : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "acknowledged_at",
                schema: "notifications",
                table: "notifications",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "acknowledged_at",
                schema: "notifications",
                table: "engagements",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "acknowledged_by",
                schema: "notifications",
                table: "engagements",
                type: "character varying(300)",
                maxLength: 300,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "acknowledged_via",
                schema: "notifications",
                table: "engagements",
                type: "character varying(20)",
                maxLength: 20,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "acknowledged_at",
                schema: "notifications",
                table: "notifications");

            migrationBuilder.DropColumn(
                name: "acknowledged_at",
                schema: "notifications",
                table: "engagements");

            migrationBuilder.DropColumn(
                name: "acknowledged_by",
                schema: "notifications",
                table: "engagements");

            migrationBuilder.DropColumn(
                name: "acknowledged_via",
                schema: "notifications",
                table: "engagements");
        }
    }
}
