using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace IncidentResponse.Notifications.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class EngagementLifecycle : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "origin",
                table: "notifications",
                type: "TEXT",
                maxLength: 40,
                nullable: false,
                defaultValue: "engagement");

            migrationBuilder.AddColumn<long>(
                name: "accepted_at",
                table: "engagements",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "accepted_by",
                table: "engagements",
                type: "TEXT",
                maxLength: 300,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "current_round",
                table: "engagements",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "current_step",
                table: "engagements",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<string>(
                name: "decline_reason",
                table: "engagements",
                type: "TEXT",
                maxLength: 2000,
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "declined_at",
                table: "engagements",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "declined_by",
                table: "engagements",
                type: "TEXT",
                maxLength: 300,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "handed_to",
                table: "engagements",
                type: "TEXT",
                maxLength: 40,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "resolution_summary",
                table: "engagements",
                type: "TEXT",
                maxLength: 4000,
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "resolved_at",
                table: "engagements",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "resolved_by",
                table: "engagements",
                type: "TEXT",
                maxLength: 300,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "state",
                table: "engagements",
                type: "TEXT",
                maxLength: 20,
                nullable: false,
                defaultValue: "notified");

            migrationBuilder.AddColumn<int>(
                name: "version",
                table: "engagements",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.CreateIndex(
                name: "ix_notifications_engagement_id",
                table: "notifications",
                column: "engagement_id");

            // Engagements acknowledged before states existed are acknowledged.
            migrationBuilder.Sql("UPDATE engagements SET state = 'acknowledged' WHERE acknowledged_at IS NOT NULL;");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_notifications_engagement_id",
                table: "notifications");

            migrationBuilder.DropColumn(
                name: "origin",
                table: "notifications");

            migrationBuilder.DropColumn(
                name: "accepted_at",
                table: "engagements");

            migrationBuilder.DropColumn(
                name: "accepted_by",
                table: "engagements");

            migrationBuilder.DropColumn(
                name: "current_round",
                table: "engagements");

            migrationBuilder.DropColumn(
                name: "current_step",
                table: "engagements");

            migrationBuilder.DropColumn(
                name: "decline_reason",
                table: "engagements");

            migrationBuilder.DropColumn(
                name: "declined_at",
                table: "engagements");

            migrationBuilder.DropColumn(
                name: "declined_by",
                table: "engagements");

            migrationBuilder.DropColumn(
                name: "handed_to",
                table: "engagements");

            migrationBuilder.DropColumn(
                name: "resolution_summary",
                table: "engagements");

            migrationBuilder.DropColumn(
                name: "resolved_at",
                table: "engagements");

            migrationBuilder.DropColumn(
                name: "resolved_by",
                table: "engagements");

            migrationBuilder.DropColumn(
                name: "state",
                table: "engagements");

            migrationBuilder.DropColumn(
                name: "version",
                table: "engagements");
        }
    }
}
