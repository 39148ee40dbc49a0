using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace IncidentResponse.Notifications.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class EngagementLifecycle : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "origin",
                schema: "notifications",
                table: "notifications",
                type: "character varying(40)",
                maxLength: 40,
                nullable: false,
                defaultValue: "engagement");

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "accepted_at",
                schema: "notifications",
                table: "engagements",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "accepted_by",
                schema: "notifications",
                table: "engagements",
                type: "character varying(300)",
                maxLength: 300,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "current_round",
                schema: "notifications",
                table: "engagements",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "current_step",
                schema: "notifications",
                table: "engagements",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<string>(
                name: "decline_reason",
                schema: "notifications",
                table: "engagements",
                type: "character varying(2000)",
                maxLength: 2000,
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "declined_at",
                schema: "notifications",
                table: "engagements",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "declined_by",
                schema: "notifications",
                table: "engagements",
                type: "character varying(300)",
                maxLength: 300,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "handed_to",
                schema: "notifications",
                table: "engagements",
                type: "character varying(40)",
                maxLength: 40,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "resolution_summary",
                schema: "notifications",
                table: "engagements",
                type: "character varying(4000)",
                maxLength: 4000,
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "resolved_at",
                schema: "notifications",
                table: "engagements",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "resolved_by",
                schema: "notifications",
                table: "engagements",
                type: "character varying(300)",
                maxLength: 300,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "state",
                schema: "notifications",
                table: "engagements",
                type: "character varying(20)",
                maxLength: 20,
                nullable: false,
                defaultValue: "notified");

            migrationBuilder.AddColumn<int>(
                name: "version",
                schema: "notifications",
                table: "engagements",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.CreateIndex(
                name: "ix_notifications_engagement_id",
                schema: "notifications",
                table: "notifications",
                column: "engagement_id");

            // Engagements acknowledged before states existed are acknowledged.
            migrationBuilder.Sql("UPDATE notifications.engagements SET state = 'acknowledged' WHERE acknowledged_at IS NOT NULL;");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_notifications_engagement_id",
                schema: "notifications",
                table: "notifications");

            migrationBuilder.DropColumn(
                name: "origin",
                schema: "notifications",
                table: "notifications");

            migrationBuilder.DropColumn(
                name: "accepted_at",
                schema: "notifications",
                table: "engagements");

            migrationBuilder.DropColumn(
                name: "accepted_by",
                schema: "notifications",
                table: "engagements");

            migrationBuilder.DropColumn(
                name: "current_round",
                schema: "notifications",
                table: "engagements");

            migrationBuilder.DropColumn(
                name: "current_step",
                schema: "notifications",
                table: "engagements");

            migrationBuilder.DropColumn(
                name: "decline_reason",
                schema: "notifications",
                table: "engagements");

            migrationBuilder.DropColumn(
                name: "declined_at",
                schema: "notifications",
                table: "engagements");

            migrationBuilder.DropColumn(
                name: "declined_by",
                schema: "notifications",
                table: "engagements");

            migrationBuilder.DropColumn(
                name: "handed_to",
                schema: "notifications",
                table: "engagements");

            migrationBuilder.DropColumn(
                name: "resolution_summary",
                schema: "notifications",
                table: "engagements");

            migrationBuilder.DropColumn(
                name: "resolved_at",
                schema: "notifications",
                table: "engagements");

            migrationBuilder.DropColumn(
                name: "resolved_by",
                schema: "notifications",
                table: "engagements");

            migrationBuilder.DropColumn(
                name: "state",
                schema: "notifications",
                table: "engagements");

            migrationBuilder.DropColumn(
                name: "version",
                schema: "notifications",
                table: "engagements");
        }
    }
}
