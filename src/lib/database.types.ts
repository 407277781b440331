export type Json =
  | string
  | number
  | boolean
  | null
  | { [key: string]: Json | undefined }
  | Json[]

export type Database = {
  public: {
    Tables: {
      application_apologies: {
        Row: {
          application_id: string
          attachment_id: string | null
          before_due: boolean | null
          id: string
          issued_on: string
          new_due_date: string | null
          reason: string
          recorded_at: string
          recorded_by: string | null
        }
        Insert: {
          application_id: string
          attachment_id?: string | null
          before_due?: boolean | null
          id?: string
          issued_on?: string
          new_due_date?: string | null
          reason: string
          recorded_at?: string
          recorded_by?: string | null
        }
        Update: {
          application_id?: string
          attachment_id?: string | null
          before_due?: boolean | null
          id?: string
          issued_on?: string
          new_due_date?: string | null
          reason?: string
          recorded_at?: string
          recorded_by?: string | null
        }
        Relationships: [
          {
            foreignKeyName: "application_apologies_application_id_fkey"
            columns: ["application_id"]
            isOneToOne: false
            referencedRelation: "application_inbox"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "application_apologies_application_id_fkey"
            columns: ["application_id"]
            isOneToOne: false
            referencedRelation: "applications"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "application_apologies_attachment_id_fkey"
            columns: ["attachment_id"]
            isOneToOne: false
            referencedRelation: "attachments"
            referencedColumns: ["id"]
          },
        ]
      }
      application_documents: {
        Row: {
          added_at: string
          application_id: string
          attachment_id: string
          document_key: string
          stage: string
        }
        Insert: {
          added_at?: string
          application_id: string
          attachment_id: string
          document_key: string
          stage: string
        }
        Update: {
          added_at?: string
          application_id?: string
          attachment_id?: string
          document_key?: string
          stage?: string
        }
        Relationships: [
          {
            foreignKeyName: "application_documents_application_id_fkey"
            columns: ["application_id"]
            isOneToOne: false
            referencedRelation: "application_inbox"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "application_documents_application_id_fkey"
            columns: ["application_id"]
            isOneToOne: false
            referencedRelation: "applications"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "application_documents_attachment_id_fkey"
            columns: ["attachment_id"]
            isOneToOne: false
            referencedRelation: "attachments"
            referencedColumns: ["id"]
          },
        ]
      }
      application_events: {
        Row: {
          actor_id: string | null
          application_id: string
          id: number
          is_public: boolean
          kind: string
          note: string | null
          occurred_at: string
          status: string | null
        }
        Insert: {
          actor_id?: string | null
          application_id: string
          id?: never
          is_public?: boolean
          kind: string
          note?: string | null
          occurred_at?: string
          status?: string | null
        }
        Update: {
          actor_id?: string | null
          application_id?: string
          id?: never
          is_public?: boolean
          kind?: string
          note?: string | null
          occurred_at?: string
          status?: string | null
        }
        Relationships: [
          {
            foreignKeyName: "application_events_application_id_fkey"
            columns: ["application_id"]
            isOneToOne: false
            referencedRelation: "application_inbox"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "application_events_application_id_fkey"
            columns: ["application_id"]
            isOneToOne: false
            referencedRelation: "applications"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "application_events_status_fkey"
            columns: ["status"]
            isOneToOne: false
            referencedRelation: "application_statuses"
            referencedColumns: ["code"]
          },
        ]
      }
      application_pauses: {
        Row: {
          application_id: string
          due_by: string
          id: string
          requested_at: string
          requested_by: string | null
          resume_status: string
          resumed_at: string | null
          what: string
          working_days: number | null
        }
        Insert: {
          application_id: string
          due_by: string
          id?: string
          requested_at?: string
          requested_by?: string | null
          resume_status: string
          resumed_at?: string | null
          what: string
          working_days?: number | null
        }
        Update: {
          application_id?: string
          due_by?: string
          id?: string
          requested_at?: string
          requested_by?: string | null
          resume_status?: string
          resumed_at?: string | null
          what?: string
          working_days?: number | null
        }
        Relationships: [
          {
            foreignKeyName: "application_pauses_application_id_fkey"
            columns: ["application_id"]
            isOneToOne: false
            referencedRelation: "application_inbox"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "application_pauses_application_id_fkey"
            columns: ["application_id"]
            isOneToOne: false
            referencedRelation: "applications"
            referencedColumns: ["id"]
          },
        ]
      }
      application_statuses: {
        Row: {
          category: string
          citizen_label_en: string
          citizen_label_vi: string
          code: string
          label_en: string
          label_vi: string
          sort: number
        }
        Insert: {
          category: string
          citizen_label_en: string
          citizen_label_vi: string
          code: string
          label_en: string
          label_vi: string
          sort: number
        }
        Update: {
          category?: string
          citizen_label_en?: string
          citizen_label_vi?: string
          code?: string
          label_en?: string
          label_vi?: string
          sort?: number
        }
        Relationships: []
      }
      applications: {
        Row: {
          accepted_at: string | null
          answers: NonNullable<Json>
          applicant_address: string | null
          applicant_cccd: string | null
          applicant_email: string | null
          applicant_name: string
          applicant_phone: string | null
          assigned_to: string | null
          channel: string
          completed_at: string | null
          consent_at: string | null
          created_by: string | null
          due_date: string
          id: string
          partner_id: string | null
          paused_days: number
          personal_data_erased_at: string | null
          procedure_id: string
          procedure_version_id: string
          rated_at: string | null
          rating: number | null
          rating_comment: string | null
          received_at: string
          refusal_reasons: string | null
          refused_at: string | null
          result_attachment_id: string | null
          result_note: string | null
          returned_at: string | null
          returned_via: string | null
          status: string
          tracking_code: string | null
          unit_id: string
          updated_at: string
        }
        Insert: {
          accepted_at?: string | null
          answers?: NonNullable<Json>
          applicant_address?: string | null
          applicant_cccd?: string | null
          applicant_email?: string | null
          applicant_name: string
          applicant_phone?: string | null
          assigned_to?: string | null
          channel: string
          completed_at?: string | null
          consent_at?: string | null
          created_by?: string | null
          due_date: string
          id?: string
          partner_id?: string | null
          paused_days?: number
          personal_data_erased_at?: string | null
          procedure_id: string
          procedure_version_id: string
          rated_at?: string | null
          rating?: number | null
          rating_comment?: string | null
          received_at?: string
          refusal_reasons?: string | null
          refused_at?: string | null
          result_attachment_id?: string | null
          result_note?: string | null
          returned_at?: string | null
          returned_via?: string | null
          status?: string
          tracking_code?: string | null
          unit_id: string
          updated_at?: string
        }
        Update: {
          accepted_at?: string | null
          answers?: NonNullable<Json>
          applicant_address?: string | null
          applicant_cccd?: string | null
          applicant_email?: string | null
          applicant_name?: string
          applicant_phone?: string | null
          assigned_to?: string | null
          channel?: string
          completed_at?: string | null
          consent_at?: string | null
          created_by?: string | null
          due_date?: string
          id?: string
          partner_id?: string | null
          paused_days?: number
          personal_data_erased_at?: string | null
          procedure_id?: string
          procedure_version_id?: string
          rated_at?: string | null
          rating?: number | null
          rating_comment?: string | null
          received_at?: string
          refusal_reasons?: string | null
          refused_at?: string | null
          result_attachment_id?: string | null
          result_note?: string | null
          returned_at?: string | null
          returned_via?: string | null
          status?: string
          tracking_code?: string | null
          unit_id?: string
          updated_at?: string
        }
        Relationships: [
          {
            foreignKeyName: "applications_partner_id_fkey"
            columns: ["partner_id"]
            isOneToOne: false
            referencedRelation: "partners"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "applications_procedure_id_fkey"
            columns: ["procedure_id"]
            isOneToOne: false
            referencedRelation: "procedure_catalogue"
            referencedColumns: ["procedure_id"]
          },
          {
            foreignKeyName: "applications_procedure_id_fkey"
            columns: ["procedure_id"]
            isOneToOne: false
            referencedRelation: "procedures"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "applications_procedure_version_id_fkey"
            columns: ["procedure_version_id"]
            isOneToOne: false
            referencedRelation: "procedure_catalogue"
            referencedColumns: ["version_id"]
          },
          {
            foreignKeyName: "applications_procedure_version_id_fkey"
            columns: ["procedure_version_id"]
            isOneToOne: false
            referencedRelation: "procedure_versions"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "applications_result_attachment_id_fkey"
            columns: ["result_attachment_id"]
            isOneToOne: false
            referencedRelation: "attachments"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "applications_status_fkey"
            columns: ["status"]
            isOneToOne: false
            referencedRelation: "application_statuses"
            referencedColumns: ["code"]
          },
          {
            foreignKeyName: "applications_unit_id_fkey"
            columns: ["unit_id"]
            isOneToOne: false
            referencedRelation: "units"
            referencedColumns: ["id"]
          },
        ]
      }
      attachments: {
        Row: {
          bucket: string
          draft_key: string | null
          file_name: string
          id: string
          is_internal: boolean
          mime_type: string
          owner_id: string | null
          owner_kind: string
          path: string
          sha256: string | null
          size_bytes: number
          unit_id: string | null
          uploaded_at: string
          uploaded_by: string | null
        }
        Insert: {
          bucket?: string
          draft_key?: string | null
          file_name: string
          id?: string
          is_internal?: boolean
          mime_type: string
          owner_id?: string | null
          owner_kind: string
          path: string
          sha256?: string | null
          size_bytes: number
          unit_id?: string | null
          uploaded_at?: string
          uploaded_by?: string | null
        }
        Update: {
          bucket?: string
          draft_key?: string | null
          file_name?: string
          id?: string
          is_internal?: boolean
          mime_type?: string
          owner_id?: string | null
          owner_kind?: string
          path?: string
          sha256?: string | null
          size_bytes?: number
          unit_id?: string | null
          uploaded_at?: string
          uploaded_by?: string | null
        }
        Relationships: [
          {
            foreignKeyName: "attachments_unit_id_fkey"
            columns: ["unit_id"]
            isOneToOne: false
            referencedRelation: "units"
            referencedColumns: ["id"]
          },
        ]
      }
      audit_events: {
        Row: {
          action: string
          actor_id: string | null
          actor_role: string | null
          after: Json | null
          before: Json | null
          entity_id: string | null
          entity_type: string
          id: number
          note: string | null
          occurred_at: string
          unit_id: string | null
        }
        Insert: {
          action: string
          actor_id?: string | null
          actor_role?: string | null
          after?: Json | null
          before?: Json | null
          entity_id?: string | null
          entity_type: string
          id?: never
          note?: string | null
          occurred_at?: string
          unit_id?: string | null
        }
        Update: {
          action?: string
          actor_id?: string | null
          actor_role?: string | null
          after?: Json | null
          before?: Json | null
          entity_id?: string | null
          entity_type?: string
          id?: never
          note?: string | null
          occurred_at?: string
          unit_id?: string | null
        }
        Relationships: [
          {
            foreignKeyName: "audit_events_unit_id_fkey"
            columns: ["unit_id"]
            isOneToOne: false
            referencedRelation: "units"
            referencedColumns: ["id"]
          },
        ]
      }
      booking_statuses: {
        Row: {
          category: string
          code: string
          label_en: string
          label_vi: string
          sort_order: number
        }
        Insert: {
          category: string
          code: string
          label_en: string
          label_vi: string
          sort_order?: number
        }
        Update: {
          category?: string
          code?: string
          label_en?: string
          label_vi?: string
          sort_order?: number
        }
        Relationships: []
      }
      bookings: {
        Row: {
          address: string | null
          called_at: string | null
          called_by: string | null
          cancelled_at: string | null
          case_number: string | null
          cccd: string | null
          channel: string
          checked_in_at: string | null
          created_at: string
          created_by: string | null
          day: string
          email: string | null
          ends_at: string | null
          finished_at: string | null
          full_name: string
          id: string
          needs_reschedule: boolean
          people_count: number
          personal_data_erased_at: string | null
          phone: string | null
          queue_no: number | null
          received_by: string | null
          representatives: NonNullable<Json>
          started_at: string | null
          starts_at: string | null
          status: string
          summary: string | null
          topic: string
          tracking_code: string | null
          unit_id: string
          updated_at: string
          wants_head: boolean
          with_head: boolean
        }
        Insert: {
          address?: string | null
          called_at?: string | null
          called_by?: string | null
          cancelled_at?: string | null
          case_number?: string | null
          cccd?: string | null
          channel: string
          checked_in_at?: string | null
          created_at?: string
          created_by?: string | null
          day: string
          email?: string | null
          ends_at?: string | null
          finished_at?: string | null
          full_name: string
          id?: string
          needs_reschedule?: boolean
          people_count?: number
          personal_data_erased_at?: string | null
          phone?: string | null
          queue_no?: number | null
          received_by?: string | null
          representatives?: NonNullable<Json>
          started_at?: string | null
          starts_at?: string | null
          status: string
          summary?: string | null
          topic: string
          tracking_code?: string | null
          unit_id: string
          updated_at?: string
          wants_head?: boolean
          with_head?: boolean
        }
        Update: {
          address?: string | null
          called_at?: string | null
          called_by?: string | null
          cancelled_at?: string | null
          case_number?: string | null
          cccd?: string | null
          channel?: string
          checked_in_at?: string | null
          created_at?: string
          created_by?: string | null
          day?: string
          email?: string | null
          ends_at?: string | null
          finished_at?: string | null
          full_name?: string
          id?: string
          needs_reschedule?: boolean
          people_count?: number
          personal_data_erased_at?: string | null
          phone?: string | null
          queue_no?: number | null
          received_by?: string | null
          representatives?: NonNullable<Json>
          started_at?: string | null
          starts_at?: string | null
          status?: string
          summary?: string | null
          topic?: string
          tracking_code?: string | null
          unit_id?: string
          updated_at?: string
          wants_head?: boolean
          with_head?: boolean
        }
        Relationships: [
          {
            foreignKeyName: "bookings_status_fkey"
            columns: ["status"]
            isOneToOne: false
            referencedRelation: "booking_statuses"
            referencedColumns: ["code"]
          },
          {
            foreignKeyName: "bookings_topic_fkey"
            columns: ["topic"]
            isOneToOne: false
            referencedRelation: "reception_topics"
            referencedColumns: ["code"]
          },
          {
            foreignKeyName: "bookings_unit_id_fkey"
            columns: ["unit_id"]
            isOneToOne: false
            referencedRelation: "units"
            referencedColumns: ["id"]
          },
        ]
      }
      complaint_access_log: {
        Row: {
          complaint_id: string
          id: number
          opened_at: string
          role: string | null
          unit_id: string | null
          user_id: string
          what: string
        }
        Insert: {
          complaint_id: string
          id?: never
          opened_at?: string
          role?: string | null
          unit_id?: string | null
          user_id: string
          what?: string
        }
        Update: {
          complaint_id?: string
          id?: never
          opened_at?: string
          role?: string | null
          unit_id?: string | null
          user_id?: string
          what?: string
        }
        Relationships: [
          {
            foreignKeyName: "complaint_access_log_complaint_id_fkey"
            columns: ["complaint_id"]
            isOneToOne: false
            referencedRelation: "complaints"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "complaint_access_log_unit_id_fkey"
            columns: ["unit_id"]
            isOneToOne: false
            referencedRelation: "units"
            referencedColumns: ["id"]
          },
        ]
      }
      complaint_events: {
        Row: {
          actor_id: string | null
          actor_role: string | null
          actor_unit_id: string | null
          citizen_visible: boolean
          complaint_id: string
          data: NonNullable<Json>
          event: string
          id: number
          occurred_at: string
          public_note: string | null
          status_after: string
        }
        Insert: {
          actor_id?: string | null
          actor_role?: string | null
          actor_unit_id?: string | null
          citizen_visible: boolean
          complaint_id: string
          data?: NonNullable<Json>
          event: string
          id?: never
          occurred_at?: string
          public_note?: string | null
          status_after: string
        }
        Update: {
          actor_id?: string | null
          actor_role?: string | null
          actor_unit_id?: string | null
          citizen_visible?: boolean
          complaint_id?: string
          data?: NonNullable<Json>
          event?: string
          id?: never
          occurred_at?: string
          public_note?: string | null
          status_after?: string
        }
        Relationships: [
          {
            foreignKeyName: "complaint_events_actor_unit_id_fkey"
            columns: ["actor_unit_id"]
            isOneToOne: false
            referencedRelation: "units"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "complaint_events_complaint_id_fkey"
            columns: ["complaint_id"]
            isOneToOne: false
            referencedRelation: "complaints"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "complaint_events_status_after_fkey"
            columns: ["status_after"]
            isOneToOne: false
            referencedRelation: "complaint_statuses"
            referencedColumns: ["code"]
          },
        ]
      }
      complaint_exclusions: {
        Row: {
          complaint_id: string
          created_at: string
          created_by: string | null
          officer_id: string
        }
        Insert: {
          complaint_id: string
          created_at?: string
          created_by?: string | null
          officer_id: string
        }
        Update: {
          complaint_id?: string
          created_at?: string
          created_by?: string | null
          officer_id?: string
        }
        Relationships: [
          {
            foreignKeyName: "complaint_exclusions_complaint_id_fkey"
            columns: ["complaint_id"]
            isOneToOne: false
            referencedRelation: "complaints"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "complaint_exclusions_officer_id_fkey"
            columns: ["officer_id"]
            isOneToOne: false
            referencedRelation: "staff"
            referencedColumns: ["user_id"]
          },
        ]
      }
      complaint_notes: {
        Row: {
          author_id: string
          body: string
          complaint_id: string
          created_at: string
          id: number
        }
        Insert: {
          author_id?: string
          body: string
          complaint_id: string
          created_at?: string
          id?: never
        }
        Update: {
          author_id?: string
          body?: string
          complaint_id?: string
          created_at?: string
          id?: never
        }
        Relationships: [
          {
            foreignKeyName: "complaint_notes_author_id_fkey"
            columns: ["author_id"]
            isOneToOne: false
            referencedRelation: "staff"
            referencedColumns: ["user_id"]
          },
          {
            foreignKeyName: "complaint_notes_complaint_id_fkey"
            columns: ["complaint_id"]
            isOneToOne: false
            referencedRelation: "complaints"
            referencedColumns: ["id"]
          },
        ]
      }
      complaint_parties: {
        Row: {
          address_line: string | null
          authorisation: string | null
          cccd: string | null
          complaint_id: string
          email: string | null
          full_name: string
          id: string
          phone: string | null
          province: string | null
          role: string
          sort_order: number
          ward: string | null
        }
        Insert: {
          address_line?: string | null
          authorisation?: string | null
          cccd?: string | null
          complaint_id: string
          email?: string | null
          full_name: string
          id?: string
          phone?: string | null
          province?: string | null
          role: string
          sort_order?: number
          ward?: string | null
        }
        Update: {
          address_line?: string | null
          authorisation?: string | null
          cccd?: string | null
          complaint_id?: string
          email?: string | null
          full_name?: string
          id?: string
          phone?: string | null
          province?: string | null
          role?: string
          sort_order?: number
          ward?: string | null
        }
        Relationships: [
          {
            foreignKeyName: "complaint_parties_complaint_id_fkey"
            columns: ["complaint_id"]
            isOneToOne: false
            referencedRelation: "complaints"
            referencedColumns: ["id"]
          },
        ]
      }
      complaint_statuses: {
        Row: {
          category: string
          code: string
          label_en: string
          label_vi: string
          sort_order: number
        }
        Insert: {
          category: string
          code: string
          label_en: string
          label_vi: string
          sort_order: number
        }
        Update: {
          category?: string
          code?: string
          label_en?: string
          label_vi?: string
          sort_order?: number
        }
        Relationships: []
      }
      complaints: {
        Row: {
          accept_due: string | null
          accept_extended: boolean
          accepted_at: string | null
          assigned_to: string | null
          case_number: string | null
          closed_at: string | null
          content: string
          decision_attachment_id: string | null
          decision_date: string | null
          decision_number: string | null
          decision_received_on: string | null
          duplicate_of: string | null
          enforcement_officer: string | null
          extensions: number
          filer_capacity: string
          id: string
          identity_sealed: boolean
          in_competence: boolean | null
          info_request: string | null
          info_requested_at: string | null
          instance: number
          is_group: boolean
          kind: string
          learned_on: string | null
          outcome: string | null
          outcome_summary: string | null
          parent_id: string | null
          personal_data_erased_at: string | null
          received_at: string
          request: string
          resolve_due: string | null
          resolved_at: string | null
          status: string
          subject: string
          tracking_code: string | null
          unit_id: string
          updated_at: string
          via_representative: boolean
        }
        Insert: {
          accept_due?: string | null
          accept_extended?: boolean
          accepted_at?: string | null
          assigned_to?: string | null
          case_number?: string | null
          closed_at?: string | null
          content: string
          decision_attachment_id?: string | null
          decision_date?: string | null
          decision_number?: string | null
          decision_received_on?: string | null
          duplicate_of?: string | null
          enforcement_officer?: string | null
          extensions?: number
          filer_capacity?: string
          id?: string
          identity_sealed?: boolean
          in_competence?: boolean | null
          info_request?: string | null
          info_requested_at?: string | null
          instance?: number
          is_group?: boolean
          kind: string
          learned_on?: string | null
          outcome?: string | null
          outcome_summary?: string | null
          parent_id?: string | null
          personal_data_erased_at?: string | null
          received_at?: string
          request: string
          resolve_due?: string | null
          resolved_at?: string | null
          status?: string
          subject?: string
          tracking_code?: string | null
          unit_id: string
          updated_at?: string
          via_representative?: boolean
        }
        Update: {
          accept_due?: string | null
          accept_extended?: boolean
          accepted_at?: string | null
          assigned_to?: string | null
          case_number?: string | null
          closed_at?: string | null
          content?: string
          decision_attachment_id?: string | null
          decision_date?: string | null
          decision_number?: string | null
          decision_received_on?: string | null
          duplicate_of?: string | null
          enforcement_officer?: string | null
          extensions?: number
          filer_capacity?: string
          id?: string
          identity_sealed?: boolean
          in_competence?: boolean | null
          info_request?: string | null
          info_requested_at?: string | null
          instance?: number
          is_group?: boolean
          kind?: string
          learned_on?: string | null
          outcome?: string | null
          outcome_summary?: string | null
          parent_id?: string | null
          personal_data_erased_at?: string | null
          received_at?: string
          request?: string
          resolve_due?: string | null
          resolved_at?: string | null
          status?: string
          subject?: string
          tracking_code?: string | null
          unit_id?: string
          updated_at?: string
          via_representative?: boolean
        }
        Relationships: [
          {
            foreignKeyName: "complaints_assigned_to_fkey"
            columns: ["assigned_to"]
            isOneToOne: false
            referencedRelation: "staff"
            referencedColumns: ["user_id"]
          },
          {
            foreignKeyName: "complaints_decision_attachment_id_fkey"
            columns: ["decision_attachment_id"]
            isOneToOne: false
            referencedRelation: "attachments"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "complaints_duplicate_of_fkey"
            columns: ["duplicate_of"]
            isOneToOne: false
            referencedRelation: "complaints"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "complaints_parent_id_fkey"
            columns: ["parent_id"]
            isOneToOne: false
            referencedRelation: "complaints"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "complaints_status_fkey"
            columns: ["status"]
            isOneToOne: false
            referencedRelation: "complaint_statuses"
            referencedColumns: ["code"]
          },
          {
            foreignKeyName: "complaints_unit_id_fkey"
            columns: ["unit_id"]
            isOneToOne: false
            referencedRelation: "units"
            referencedColumns: ["id"]
          },
        ]
      }
      deadline_rules: {
        Row: {
          article: string | null
          confirmed_at: string | null
          confirmed_by: string | null
          day_unit: string
          id: number
          instance: number | null
          is_checked: boolean
          kind: string
          law: string | null
          legal_basis: string
          length_days: number
          max_times: number | null
          note: string | null
          purpose: string
          source_url: string | null
          start_event: string
          subject: string
          valid_from: string
          valid_to: string | null
        }
        Insert: {
          article?: string | null
          confirmed_at?: string | null
          confirmed_by?: string | null
          day_unit: string
          id?: number
          instance?: number | null
          is_checked?: boolean
          kind: string
          law?: string | null
          legal_basis: string
          length_days: number
          max_times?: number | null
          note?: string | null
          purpose: string
          source_url?: string | null
          start_event: string
          subject?: string
          valid_from?: string
          valid_to?: string | null
        }
        Update: {
          article?: string | null
          confirmed_at?: string | null
          confirmed_by?: string | null
          day_unit?: string
          id?: number
          instance?: number | null
          is_checked?: boolean
          kind?: string
          law?: string | null
          legal_basis?: string
          length_days?: number
          max_times?: number | null
          note?: string | null
          purpose?: string
          source_url?: string | null
          start_event?: string
          subject?: string
          valid_from?: string
          valid_to?: string | null
        }
        Relationships: []
      }
      enforcement_reports: {
        Row: {
          approved_at: string | null
          approved_by: string | null
          bank_cases_finished: number
          bank_cases_with_conditions: number
          bank_money_finished: number
          bank_money_with_conditions: number
          budget_cases_finished: number
          budget_cases_with_conditions: number
          budget_money_finished: number
          budget_money_with_conditions: number
          cases_carried_over: number
          cases_entrusted_out: number
          cases_finished: number
          cases_in_progress: number
          cases_new: number
          cases_other: number
          cases_postponed: number
          cases_stayed: number
          cases_suspended: number
          cases_with_conditions: number
          cases_without_conditions: number
          corruption_cases_finished: number
          corruption_cases_with_conditions: number
          corruption_money_finished: number
          corruption_money_with_conditions: number
          entered_at: string
          entered_by: string | null
          id: string
          money_carried_over: number
          money_entrusted_out: number
          money_finished: number
          money_in_progress: number
          money_new: number
          money_other: number
          money_postponed: number
          money_stayed: number
          money_suspended: number
          money_with_conditions: number
          money_without_conditions: number
          month: string
          month_index: number
          note: string | null
          revision: number
          status: string
          unit_id: string
          work_year: number
        }
        Insert: {
          approved_at?: string | null
          approved_by?: string | null
          bank_cases_finished?: number
          bank_cases_with_conditions?: number
          bank_money_finished?: number
          bank_money_with_conditions?: number
          budget_cases_finished?: number
          budget_cases_with_conditions?: number
          budget_money_finished?: number
          budget_money_with_conditions?: number
          cases_carried_over?: number
          cases_entrusted_out?: number
          cases_finished?: number
          cases_in_progress?: number
          cases_new?: number
          cases_other?: number
          cases_postponed?: number
          cases_stayed?: number
          cases_suspended?: number
          cases_with_conditions?: number
          cases_without_conditions?: number
          corruption_cases_finished?: number
          corruption_cases_with_conditions?: number
          corruption_money_finished?: number
          corruption_money_with_conditions?: number
          entered_at?: string
          entered_by?: string | null
          id?: string
          money_carried_over?: number
          money_entrusted_out?: number
          money_finished?: number
          money_in_progress?: number
          money_new?: number
          money_other?: number
          money_postponed?: number
          money_stayed?: number
          money_suspended?: number
          money_with_conditions?: number
          money_without_conditions?: number
          month: string
          month_index?: never
          note?: string | null
          revision?: number
          status?: string
          unit_id: string
          work_year?: never
        }
        Update: {
          approved_at?: string | null
          approved_by?: string | null
          bank_cases_finished?: number
          bank_cases_with_conditions?: number
          bank_money_finished?: number
          bank_money_with_conditions?: number
          budget_cases_finished?: number
          budget_cases_with_conditions?: number
          budget_money_finished?: number
          budget_money_with_conditions?: number
          cases_carried_over?: number
          cases_entrusted_out?: number
          cases_finished?: number
          cases_in_progress?: number
          cases_new?: number
          cases_other?: number
          cases_postponed?: number
          cases_stayed?: number
          cases_suspended?: number
          cases_with_conditions?: number
          cases_without_conditions?: number
          corruption_cases_finished?: number
          corruption_cases_with_conditions?: number
          corruption_money_finished?: number
          corruption_money_with_conditions?: number
          entered_at?: string
          entered_by?: string | null
          id?: string
          money_carried_over?: number
          money_entrusted_out?: number
          money_finished?: number
          money_in_progress?: number
          money_new?: number
          money_other?: number
          money_postponed?: number
          money_stayed?: number
          money_suspended?: number
          money_with_conditions?: number
          money_without_conditions?: number
          month?: string
          month_index?: never
          note?: string | null
          revision?: number
          status?: string
          unit_id?: string
          work_year?: never
        }
        Relationships: [
          {
            foreignKeyName: "enforcement_reports_unit_id_fkey"
            columns: ["unit_id"]
            isOneToOne: false
            referencedRelation: "units"
            referencedColumns: ["id"]
          },
        ]
      }
      enforcement_targets: {
        Row: {
          cases_target: number
          money_target: number
          set_at: string
          set_by: string | null
          unit_id: string
          work_year: number
        }
        Insert: {
          cases_target: number
          money_target: number
          set_at?: string
          set_by?: string | null
          unit_id: string
          work_year: number
        }
        Update: {
          cases_target?: number
          money_target?: number
          set_at?: string
          set_by?: string | null
          unit_id?: string
          work_year?: number
        }
        Relationships: [
          {
            foreignKeyName: "enforcement_targets_unit_id_fkey"
            columns: ["unit_id"]
            isOneToOne: false
            referencedRelation: "units"
            referencedColumns: ["id"]
          },
        ]
      }
      erasure_requests: {
        Row: {
          handled_at: string | null
          handled_by: string | null
          id: string
          reason: string | null
          record_id: string
          record_kind: string
          requested_at: string
          status: string
          unit_id: string
        }
        Insert: {
          handled_at?: string | null
          handled_by?: string | null
          id?: string
          reason?: string | null
          record_id: string
          record_kind: string
          requested_at?: string
          status?: string
          unit_id: string
        }
        Update: {
          handled_at?: string | null
          handled_by?: string | null
          id?: string
          reason?: string | null
          record_id?: string
          record_kind?: string
          requested_at?: string
          status?: string
          unit_id?: string
        }
        Relationships: [
          {
            foreignKeyName: "erasure_requests_unit_id_fkey"
            columns: ["unit_id"]
            isOneToOne: false
            referencedRelation: "units"
            referencedColumns: ["id"]
          },
        ]
      }
      holidays: {
        Row: {
          confirmed_at: string | null
          confirmed_by: string | null
          counted: boolean
          created_at: string
          day: string
          is_confirmed: boolean
          is_day_off: boolean
          legal_basis: string | null
          name: string
          source_url: string | null
          updated_at: string
        }
        Insert: {
          confirmed_at?: string | null
          confirmed_by?: string | null
          counted?: boolean
          created_at?: string
          day: string
          is_confirmed?: boolean
          is_day_off?: boolean
          legal_basis?: string | null
          name: string
          source_url?: string | null
          updated_at?: string
        }
        Update: {
          confirmed_at?: string | null
          confirmed_by?: string | null
          counted?: boolean
          created_at?: string
          day?: string
          is_confirmed?: boolean
          is_day_off?: boolean
          legal_basis?: string | null
          name?: string
          source_url?: string | null
          updated_at?: string
        }
        Relationships: []
      }
      notification_attempts: {
        Row: {
          actor_id: string | null
          at: string
          attempt: number
          error: string | null
          id: number
          ms: number | null
          notification_id: number
          outcome: string
          provider_ref: string | null
          sender: string | null
        }
        Insert: {
          actor_id?: string | null
          at?: string
          attempt: number
          error?: string | null
          id?: never
          ms?: number | null
          notification_id: number
          outcome: string
          provider_ref?: string | null
          sender?: string | null
        }
        Update: {
          actor_id?: string | null
          at?: string
          attempt?: number
          error?: string | null
          id?: never
          ms?: number | null
          notification_id?: number
          outcome?: string
          provider_ref?: string | null
          sender?: string | null
        }
        Relationships: [
          {
            foreignKeyName: "notification_attempts_notification_id_fkey"
            columns: ["notification_id"]
            isOneToOne: false
            referencedRelation: "notifications"
            referencedColumns: ["id"]
          },
        ]
      }
      notifications: {
        Row: {
          attempts: number
          channel: string
          claimed_until: string | null
          created_at: string
          dedupe_key: string | null
          delivered_at: string | null
          id: number
          lang: string
          last_error: string | null
          payload: NonNullable<Json>
          provider: string | null
          provider_ref: string | null
          recipient: string
          send_after: string
          sent_at: string | null
          status: string
          template: string
          unit_id: string | null
        }
        Insert: {
          attempts?: number
          channel: string
          claimed_until?: string | null
          created_at?: string
          dedupe_key?: string | null
          delivered_at?: string | null
          id?: never
          lang?: string
          last_error?: string | null
          payload?: NonNullable<Json>
          provider?: string | null
          provider_ref?: string | null
          recipient: string
          send_after?: string
          sent_at?: string | null
          status?: string
          template: string
          unit_id?: string | null
        }
        Update: {
          attempts?: number
          channel?: string
          claimed_until?: string | null
          created_at?: string
          dedupe_key?: string | null
          delivered_at?: string | null
          id?: never
          lang?: string
          last_error?: string | null
          payload?: NonNullable<Json>
          provider?: string | null
          provider_ref?: string | null
          recipient?: string
          send_after?: string
          sent_at?: string | null
          status?: string
          template?: string
          unit_id?: string | null
        }
        Relationships: [
          {
            foreignKeyName: "notifications_unit_id_fkey"
            columns: ["unit_id"]
            isOneToOne: false
            referencedRelation: "units"
            referencedColumns: ["id"]
          },
        ]
      }
      one_stop_rules: {
        Row: {
          is_checked: boolean
          key: string
          legal_basis: string
          note: string | null
          updated_at: string
          value: number
        }
        Insert: {
          is_checked?: boolean
          key: string
          legal_basis: string
          note?: string | null
          updated_at?: string
          value: number
        }
        Update: {
          is_checked?: boolean
          key?: string
          legal_basis?: string
          note?: string | null
          updated_at?: string
          value?: number
        }
        Relationships: []
      }
      partner_keys: {
        Row: {
          created_at: string
          created_by: string | null
          id: string
          key_hash: string
          label: string | null
          last_used_at: string | null
          partner_id: string
          prefix: string
          rate_per_minute: number
          revoked_at: string | null
          revoked_by: string | null
          scopes: string[]
        }
        Insert: {
          created_at?: string
          created_by?: string | null
          id?: string
          key_hash: string
          label?: string | null
          last_used_at?: string | null
          partner_id: string
          prefix: string
          rate_per_minute?: number
          revoked_at?: string | null
          revoked_by?: string | null
          scopes: string[]
        }
        Update: {
          created_at?: string
          created_by?: string | null
          id?: string
          key_hash?: string
          label?: string | null
          last_used_at?: string | null
          partner_id?: string
          prefix?: string
          rate_per_minute?: number
          revoked_at?: string | null
          revoked_by?: string | null
          scopes?: string[]
        }
        Relationships: [
          {
            foreignKeyName: "partner_keys_partner_id_fkey"
            columns: ["partner_id"]
            isOneToOne: false
            referencedRelation: "partners"
            referencedColumns: ["id"]
          },
        ]
      }
      partner_webhooks: {
        Row: {
          created_at: string
          id: string
          is_active: boolean
          partner_id: string
          secret: string
          url: string
        }
        Insert: {
          created_at?: string
          id?: string
          is_active?: boolean
          partner_id: string
          secret: string
          url: string
        }
        Update: {
          created_at?: string
          id?: string
          is_active?: boolean
          partner_id?: string
          secret?: string
          url?: string
        }
        Relationships: [
          {
            foreignKeyName: "partner_webhooks_partner_id_fkey"
            columns: ["partner_id"]
            isOneToOne: false
            referencedRelation: "partners"
            referencedColumns: ["id"]
          },
        ]
      }
      partners: {
        Row: {
          contact_email: string | null
          created_at: string
          created_by: string | null
          id: string
          name: string
        }
        Insert: {
          contact_email?: string | null
          created_at?: string
          created_by?: string | null
          id?: string
          name: string
        }
        Update: {
          contact_email?: string | null
          created_at?: string
          created_by?: string | null
          id?: string
          name?: string
        }
        Relationships: []
      }
      personal_data_consents: {
        Row: {
          given_at: string
          id: number
          message_channels: string[] | null
          message_lang: string | null
          method: string
          notice_version: string
          purpose: string
          record_id: string
          record_kind: string
          recorded_by: string | null
          unit_id: string
        }
        Insert: {
          given_at?: string
          id?: never
          message_channels?: string[] | null
          message_lang?: string | null
          method: string
          notice_version: string
          purpose: string
          record_id: string
          record_kind: string
          recorded_by?: string | null
          unit_id: string
        }
        Update: {
          given_at?: string
          id?: never
          message_channels?: string[] | null
          message_lang?: string | null
          method?: string
          notice_version?: string
          purpose?: string
          record_id?: string
          record_kind?: string
          recorded_by?: string | null
          unit_id?: string
        }
        Relationships: [
          {
            foreignKeyName: "personal_data_consents_notice_version_fkey"
            columns: ["notice_version"]
            isOneToOne: false
            referencedRelation: "privacy_notices"
            referencedColumns: ["version"]
          },
          {
            foreignKeyName: "personal_data_consents_unit_id_fkey"
            columns: ["unit_id"]
            isOneToOne: false
            referencedRelation: "units"
            referencedColumns: ["id"]
          },
        ]
      }
      privacy_notices: {
        Row: {
          is_current: boolean
          published_on: string
          summary: string
          version: string
        }
        Insert: {
          is_current?: boolean
          published_on: string
          summary: string
          version: string
        }
        Update: {
          is_current?: boolean
          published_on?: string
          summary?: string
          version?: string
        }
        Relationships: []
      }
      procedure_topics: {
        Row: {
          code: string
          name_en: string
          name_vi: string
          sort: number
        }
        Insert: {
          code: string
          name_en: string
          name_vi: string
          sort?: number
        }
        Update: {
          code?: string
          name_en?: string
          name_vi?: string
          sort?: number
        }
        Relationships: []
      }
      procedure_version_drafts: {
        Row: {
          base_version: number
          decided_at: string | null
          decided_by: string | null
          id: string
          procedure_id: string
          published_version_id: string | null
          return_reason: string | null
          status: string
          submitted_at: string
          submitted_by: string
          topic_code: string
          version: NonNullable<Json>
        }
        Insert: {
          base_version: number
          decided_at?: string | null
          decided_by?: string | null
          id?: string
          procedure_id: string
          published_version_id?: string | null
          return_reason?: string | null
          status?: string
          submitted_at?: string
          submitted_by: string
          topic_code: string
          version: NonNullable<Json>
        }
        Update: {
          base_version?: number
          decided_at?: string | null
          decided_by?: string | null
          id?: string
          procedure_id?: string
          published_version_id?: string | null
          return_reason?: string | null
          status?: string
          submitted_at?: string
          submitted_by?: string
          topic_code?: string
          version?: NonNullable<Json>
        }
        Relationships: [
          {
            foreignKeyName: "procedure_version_drafts_procedure_id_fkey"
            columns: ["procedure_id"]
            isOneToOne: false
            referencedRelation: "procedure_catalogue"
            referencedColumns: ["procedure_id"]
          },
          {
            foreignKeyName: "procedure_version_drafts_procedure_id_fkey"
            columns: ["procedure_id"]
            isOneToOne: false
            referencedRelation: "procedures"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "procedure_version_drafts_published_version_id_fkey"
            columns: ["published_version_id"]
            isOneToOne: false
            referencedRelation: "procedure_catalogue"
            referencedColumns: ["version_id"]
          },
          {
            foreignKeyName: "procedure_version_drafts_published_version_id_fkey"
            columns: ["published_version_id"]
            isOneToOne: false
            referencedRelation: "procedure_versions"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "procedure_version_drafts_topic_code_fkey"
            columns: ["topic_code"]
            isOneToOne: false
            referencedRelation: "procedure_topics"
            referencedColumns: ["code"]
          },
        ]
      }
      procedure_versions: {
        Row: {
          applicants_en: string
          applicants_vi: string
          check_note: string | null
          documents: NonNullable<Json>
          fee_amount: number
          fee_en: string
          fee_vi: string
          fields: NonNullable<Json>
          id: string
          legal_basis: string
          modes: string[]
          name_en: string
          name_vi: string
          needs_check: boolean
          procedure_id: string
          processing_days: number
          processing_note_en: string
          processing_note_vi: string
          published_at: string
          published_by: string | null
          result_en: string
          result_vi: string
          search_text: string | null
          summary_en: string
          summary_vi: string
          template_ref: string | null
          version: number
          where_en: string
          where_vi: string
        }
        Insert: {
          applicants_en?: string
          applicants_vi?: string
          check_note?: string | null
          documents?: NonNullable<Json>
          fee_amount?: number
          fee_en?: string
          fee_vi?: string
          fields?: NonNullable<Json>
          id?: string
          legal_basis?: string
          modes?: string[]
          name_en: string
          name_vi: string
          needs_check?: boolean
          procedure_id: string
          processing_days: number
          processing_note_en?: string
          processing_note_vi?: string
          published_at?: string
          published_by?: string | null
          result_en?: string
          result_vi?: string
          search_text?: never
          summary_en?: string
          summary_vi?: string
          template_ref?: string | null
          version: number
          where_en?: string
          where_vi?: string
        }
        Update: {
          applicants_en?: string
          applicants_vi?: string
          check_note?: string | null
          documents?: NonNullable<Json>
          fee_amount?: number
          fee_en?: string
          fee_vi?: string
          fields?: NonNullable<Json>
          id?: string
          legal_basis?: string
          modes?: string[]
          name_en?: string
          name_vi?: string
          needs_check?: boolean
          procedure_id?: string
          processing_days?: number
          processing_note_en?: string
          processing_note_vi?: string
          published_at?: string
          published_by?: string | null
          result_en?: string
          result_vi?: string
          search_text?: never
          summary_en?: string
          summary_vi?: string
          template_ref?: string | null
          version?: number
          where_en?: string
          where_vi?: string
        }
        Relationships: [
          {
            foreignKeyName: "procedure_versions_procedure_id_fkey"
            columns: ["procedure_id"]
            isOneToOne: false
            referencedRelation: "procedure_catalogue"
            referencedColumns: ["procedure_id"]
          },
          {
            foreignKeyName: "procedure_versions_procedure_id_fkey"
            columns: ["procedure_id"]
            isOneToOne: false
            referencedRelation: "procedures"
            referencedColumns: ["id"]
          },
        ]
      }
      procedures: {
        Row: {
          code: string
          created_at: string
          current_version_id: string | null
          id: string
          is_active: boolean
          national_code: string | null
          national_code_confirmed: boolean
          national_code_confirmed_at: string | null
          national_code_confirmed_by: string | null
          national_code_source: string | null
          sort: number
          topic_code: string
        }
        Insert: {
          code: string
          created_at?: string
          current_version_id?: string | null
          id?: string
          is_active?: boolean
          national_code?: string | null
          national_code_confirmed?: boolean
          national_code_confirmed_at?: string | null
          national_code_confirmed_by?: string | null
          national_code_source?: string | null
          sort?: number
          topic_code: string
        }
        Update: {
          code?: string
          created_at?: string
          current_version_id?: string | null
          id?: string
          is_active?: boolean
          national_code?: string | null
          national_code_confirmed?: boolean
          national_code_confirmed_at?: string | null
          national_code_confirmed_by?: string | null
          national_code_source?: string | null
          sort?: number
          topic_code?: string
        }
        Relationships: [
          {
            foreignKeyName: "procedures_current_version_fk"
            columns: ["current_version_id"]
            isOneToOne: false
            referencedRelation: "procedure_catalogue"
            referencedColumns: ["version_id"]
          },
          {
            foreignKeyName: "procedures_current_version_fk"
            columns: ["current_version_id"]
            isOneToOne: false
            referencedRelation: "procedure_versions"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "procedures_topic_code_fkey"
            columns: ["topic_code"]
            isOneToOne: false
            referencedRelation: "procedure_topics"
            referencedColumns: ["code"]
          },
        ]
      }
      push_subscriptions: {
        Row: {
          auth: string
          created_at: string
          endpoint: string
          id: number
          lang: string
          p256dh: string
          record_id: string
          record_kind: string
        }
        Insert: {
          auth: string
          created_at?: string
          endpoint: string
          id?: never
          lang?: string
          p256dh: string
          record_id: string
          record_kind: string
        }
        Update: {
          auth?: string
          created_at?: string
          endpoint?: string
          id?: never
          lang?: string
          p256dh?: string
          record_id?: string
          record_kind?: string
        }
        Relationships: []
      }
      reception_closures: {
        Row: {
          created_at: string
          created_by: string | null
          day: string
          id: string
          reason: string
          unit_id: string
        }
        Insert: {
          created_at?: string
          created_by?: string | null
          day: string
          id?: string
          reason?: string
          unit_id: string
        }
        Update: {
          created_at?: string
          created_by?: string | null
          day?: string
          id?: string
          reason?: string
          unit_id?: string
        }
        Relationships: [
          {
            foreignKeyName: "reception_closures_unit_id_fkey"
            columns: ["unit_id"]
            isOneToOne: false
            referencedRelation: "units"
            referencedColumns: ["id"]
          },
        ]
      }
      reception_head_days: {
        Row: {
          created_at: string
          day: string
          end_time: string
          head_name: string
          id: string
          start_time: string
          unit_id: string
        }
        Insert: {
          created_at?: string
          day: string
          end_time?: string
          head_name?: string
          id?: string
          start_time?: string
          unit_id: string
        }
        Update: {
          created_at?: string
          day?: string
          end_time?: string
          head_name?: string
          id?: string
          start_time?: string
          unit_id?: string
        }
        Relationships: [
          {
            foreignKeyName: "reception_head_days_unit_id_fkey"
            columns: ["unit_id"]
            isOneToOne: false
            referencedRelation: "units"
            referencedColumns: ["id"]
          },
        ]
      }
      reception_outcomes: {
        Row: {
          code: string
          label_en: string
          label_vi: string
          sort_order: number
        }
        Insert: {
          code: string
          label_en: string
          label_vi: string
          sort_order?: number
        }
        Update: {
          code?: string
          label_en?: string
          label_vi?: string
          sort_order?: number
        }
        Relationships: []
      }
      reception_refusal_reasons: {
        Row: {
          code: string
          label_en: string
          label_vi: string
          legal_basis: string
          sort_order: number
        }
        Insert: {
          code: string
          label_en: string
          label_vi: string
          legal_basis: string
          sort_order?: number
        }
        Update: {
          code?: string
          label_en?: string
          label_vi?: string
          legal_basis?: string
          sort_order?: number
        }
        Relationships: []
      }
      reception_schedules: {
        Row: {
          capacity: number
          created_at: string
          end_time: string
          id: string
          slot_minutes: number
          start_time: string
          unit_id: string
          weekday: number
        }
        Insert: {
          capacity?: number
          created_at?: string
          end_time: string
          id?: string
          slot_minutes?: number
          start_time: string
          unit_id: string
          weekday: number
        }
        Update: {
          capacity?: number
          created_at?: string
          end_time?: string
          id?: string
          slot_minutes?: number
          start_time?: string
          unit_id?: string
          weekday?: number
        }
        Relationships: [
          {
            foreignKeyName: "reception_schedules_unit_id_fkey"
            columns: ["unit_id"]
            isOneToOne: false
            referencedRelation: "units"
            referencedColumns: ["id"]
          },
        ]
      }
      reception_settings: {
        Row: {
          booking_horizon_days: number
          bookings_per_phone_per_hour: number
          id: boolean
          max_active_bookings_per_phone: number
          min_notice_minutes: number
          reminder_hour: number
          updated_at: string
        }
        Insert: {
          booking_horizon_days?: number
          bookings_per_phone_per_hour?: number
          id?: boolean
          max_active_bookings_per_phone?: number
          min_notice_minutes?: number
          reminder_hour?: number
          updated_at?: string
        }
        Update: {
          booking_horizon_days?: number
          bookings_per_phone_per_hour?: number
          id?: boolean
          max_active_bookings_per_phone?: number
          min_notice_minutes?: number
          reminder_hour?: number
          updated_at?: string
        }
        Relationships: []
      }
      reception_slot_locks: {
        Row: {
          starts_at: string
          unit_id: string
        }
        Insert: {
          starts_at: string
          unit_id: string
        }
        Update: {
          starts_at?: string
          unit_id?: string
        }
        Relationships: [
          {
            foreignKeyName: "reception_slot_locks_unit_id_fkey"
            columns: ["unit_id"]
            isOneToOne: false
            referencedRelation: "units"
            referencedColumns: ["id"]
          },
        ]
      }
      reception_topics: {
        Row: {
          code: string
          label_en: string
          label_vi: string
          sort_order: number
        }
        Insert: {
          code: string
          label_en: string
          label_vi: string
          sort_order?: number
        }
        Update: {
          code?: string
          label_en?: string
          label_vi?: string
          sort_order?: number
        }
        Relationships: []
      }
      reception_visits: {
        Row: {
          booking_id: string | null
          case_number: string | null
          complaint_code: string | null
          complaint_id: string | null
          content: string
          created_at: string
          day: string
          documents: string
          forwarded_to: string | null
          id: string
          identity_sealed: boolean
          note: string | null
          outcome: string
          people_count: number
          received_at: string
          received_by: string | null
          received_by_name: string
          refusal_reason: string | null
          representatives: NonNullable<Json>
          topic: string
          unit_id: string
          visitor_address: string | null
          visitor_cccd: string | null
          visitor_name: string | null
          visitor_phone: string | null
          with_head: boolean
        }
        Insert: {
          booking_id?: string | null
          case_number?: string | null
          complaint_code?: string | null
          complaint_id?: string | null
          content: string
          created_at?: string
          day: string
          documents?: string
          forwarded_to?: string | null
          id?: string
          identity_sealed?: boolean
          note?: string | null
          outcome: string
          people_count?: number
          received_at?: string
          received_by?: string | null
          received_by_name?: string
          refusal_reason?: string | null
          representatives?: NonNullable<Json>
          topic: string
          unit_id: string
          visitor_address?: string | null
          visitor_cccd?: string | null
          visitor_name?: string | null
          visitor_phone?: string | null
          with_head?: boolean
        }
        Update: {
          booking_id?: string | null
          case_number?: string | null
          complaint_code?: string | null
          complaint_id?: string | null
          content?: string
          created_at?: string
          day?: string
          documents?: string
          forwarded_to?: string | null
          id?: string
          identity_sealed?: boolean
          note?: string | null
          outcome?: string
          people_count?: number
          received_at?: string
          received_by?: string | null
          received_by_name?: string
          refusal_reason?: string | null
          representatives?: NonNullable<Json>
          topic?: string
          unit_id?: string
          visitor_address?: string | null
          visitor_cccd?: string | null
          visitor_name?: string | null
          visitor_phone?: string | null
          with_head?: boolean
        }
        Relationships: [
          {
            foreignKeyName: "reception_visits_booking_id_fkey"
            columns: ["booking_id"]
            isOneToOne: true
            referencedRelation: "bookings"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "reception_visits_outcome_fkey"
            columns: ["outcome"]
            isOneToOne: false
            referencedRelation: "reception_outcomes"
            referencedColumns: ["code"]
          },
          {
            foreignKeyName: "reception_visits_refusal_reason_fkey"
            columns: ["refusal_reason"]
            isOneToOne: false
            referencedRelation: "reception_refusal_reasons"
            referencedColumns: ["code"]
          },
          {
            foreignKeyName: "reception_visits_topic_fkey"
            columns: ["topic"]
            isOneToOne: false
            referencedRelation: "reception_topics"
            referencedColumns: ["code"]
          },
          {
            foreignKeyName: "reception_visits_unit_id_fkey"
            columns: ["unit_id"]
            isOneToOne: false
            referencedRelation: "units"
            referencedColumns: ["id"]
          },
        ]
      }
      record_access_log: {
        Row: {
          document_key: string | null
          id: number
          opened_at: string
          record_id: string
          record_kind: string
          role: string | null
          unit_id: string | null
          user_id: string
          what: string
        }
        Insert: {
          document_key?: string | null
          id?: never
          opened_at?: string
          record_id: string
          record_kind: string
          role?: string | null
          unit_id?: string | null
          user_id: string
          what: string
        }
        Update: {
          document_key?: string | null
          id?: never
          opened_at?: string
          record_id?: string
          record_kind?: string
          role?: string | null
          unit_id?: string | null
          user_id?: string
          what?: string
        }
        Relationships: [
          {
            foreignKeyName: "record_access_log_unit_id_fkey"
            columns: ["unit_id"]
            isOneToOne: false
            referencedRelation: "units"
            referencedColumns: ["id"]
          },
        ]
      }
      retention_rules: {
        Row: {
          action: string
          closed_status: string
          hold_months: number | null
          is_confirmed: boolean
          legal_basis: string
          record_kind: string
          retention_months: number
          updated_at: string
        }
        Insert: {
          action: string
          closed_status: string
          hold_months?: number | null
          is_confirmed?: boolean
          legal_basis: string
          record_kind: string
          retention_months: number
          updated_at?: string
        }
        Update: {
          action?: string
          closed_status?: string
          hold_months?: number | null
          is_confirmed?: boolean
          legal_basis?: string
          record_kind?: string
          retention_months?: number
          updated_at?: string
        }
        Relationships: []
      }
      staff: {
        Row: {
          created_at: string
          email: string | null
          full_name: string
          is_active: boolean
          roles: string[]
          unit_id: string
          updated_at: string
          user_id: string
        }
        Insert: {
          created_at?: string
          email?: string | null
          full_name: string
          is_active?: boolean
          roles?: string[]
          unit_id: string
          updated_at?: string
          user_id: string
        }
        Update: {
          created_at?: string
          email?: string | null
          full_name?: string
          is_active?: boolean
          roles?: string[]
          unit_id?: string
          updated_at?: string
          user_id?: string
        }
        Relationships: [
          {
            foreignKeyName: "staff_unit_id_fkey"
            columns: ["unit_id"]
            isOneToOne: false
            referencedRelation: "units"
            referencedColumns: ["id"]
          },
        ]
      }
      stats_settings: {
        Row: {
          note: string | null
          percent_rounding: string
          set_at: string
          set_by: string | null
          unit_id: string
        }
        Insert: {
          note?: string | null
          percent_rounding: string
          set_at?: string
          set_by?: string | null
          unit_id: string
        }
        Update: {
          note?: string | null
          percent_rounding?: string
          set_at?: string
          set_by?: string | null
          unit_id?: string
        }
        Relationships: [
          {
            foreignKeyName: "stats_settings_unit_id_fkey"
            columns: ["unit_id"]
            isOneToOne: true
            referencedRelation: "units"
            referencedColumns: ["id"]
          },
        ]
      }
      tracking_codes: {
        Row: {
          code: string
          created_at: string
          failed_attempts: number
          kind: string
          locked_until: string | null
          ref_id: string
          secret_hash: string
        }
        Insert: {
          code: string
          created_at?: string
          failed_attempts?: number
          kind: string
          locked_until?: string | null
          ref_id: string
          secret_hash: string
        }
        Update: {
          code?: string
          created_at?: string
          failed_attempts?: number
          kind?: string
          locked_until?: string | null
          ref_id?: string
          secret_hash?: string
        }
        Relationships: []
      }
      units: {
        Row: {
          address: string | null
          code: string
          contact_confirmed: boolean
          created_at: string
          email: string | null
          id: string
          lat: number | null
          level: string
          lng: number | null
          name: string
          name_confirmed: boolean
          name_source: string | null
          parent_id: string | null
          phone: string | null
          predecessor_id: string | null
          province_name: string | null
          reception_hours: string | null
          short_name: string | null
          updated_at: string
          valid_from: string
          valid_to: string | null
        }
        Insert: {
          address?: string | null
          code: string
          contact_confirmed?: boolean
          created_at?: string
          email?: string | null
          id?: string
          lat?: number | null
          level: string
          lng?: number | null
          name: string
          name_confirmed?: boolean
          name_source?: string | null
          parent_id?: string | null
          phone?: string | null
          predecessor_id?: string | null
          province_name?: string | null
          reception_hours?: string | null
          short_name?: string | null
          updated_at?: string
          valid_from?: string
          valid_to?: string | null
        }
        Update: {
          address?: string | null
          code?: string
          contact_confirmed?: boolean
          created_at?: string
          email?: string | null
          id?: string
          lat?: number | null
          level?: string
          lng?: number | null
          name?: string
          name_confirmed?: boolean
          name_source?: string | null
          parent_id?: string | null
          phone?: string | null
          predecessor_id?: string | null
          province_name?: string | null
          reception_hours?: string | null
          short_name?: string | null
          updated_at?: string
          valid_from?: string
          valid_to?: string | null
        }
        Relationships: [
          {
            foreignKeyName: "units_parent_id_fkey"
            columns: ["parent_id"]
            isOneToOne: false
            referencedRelation: "units"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "units_predecessor_id_fkey"
            columns: ["predecessor_id"]
            isOneToOne: false
            referencedRelation: "units"
            referencedColumns: ["id"]
          },
        ]
      }
      webhook_deliveries: {
        Row: {
          application_id: string | null
          attempts: number
          created_at: string
          delivered_at: string | null
          event: string
          id: string
          last_error: string | null
          last_status_code: number | null
          next_attempt_at: string
          payload: NonNullable<Json>
          status: string
          webhook_id: string
        }
        Insert: {
          application_id?: string | null
          attempts?: number
          created_at?: string
          delivered_at?: string | null
          event: string
          id?: string
          last_error?: string | null
          last_status_code?: number | null
          next_attempt_at?: string
          payload: NonNullable<Json>
          status?: string
          webhook_id: string
        }
        Update: {
          application_id?: string | null
          attempts?: number
          created_at?: string
          delivered_at?: string | null
          event?: string
          id?: string
          last_error?: string | null
          last_status_code?: number | null
          next_attempt_at?: string
          payload?: NonNullable<Json>
          status?: string
          webhook_id?: string
        }
        Relationships: [
          {
            foreignKeyName: "webhook_deliveries_application_id_fkey"
            columns: ["application_id"]
            isOneToOne: false
            referencedRelation: "application_inbox"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "webhook_deliveries_application_id_fkey"
            columns: ["application_id"]
            isOneToOne: false
            referencedRelation: "applications"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "webhook_deliveries_webhook_id_fkey"
            columns: ["webhook_id"]
            isOneToOne: false
            referencedRelation: "partner_webhooks"
            referencedColumns: ["id"]
          },
        ]
      }
    }
    Views: {
      application_inbox: {
        Row: {
          accepted_at: string | null
          applicant_name: string | null
          assigned_to: string | null
          channel: string | null
          code: string | null
          completed_at: string | null
          due_date: string | null
          id: string | null
          is_due_soon: boolean | null
          is_overdue: boolean | null
          paused_days: number | null
          procedure_code: string | null
          procedure_name_en: string | null
          procedure_name_vi: string | null
          received_at: string | null
          status: string | null
          status_category: string | null
          status_label_en: string | null
          status_label_vi: string | null
          unit_id: string | null
        }
        Relationships: [
          {
            foreignKeyName: "applications_status_fkey"
            columns: ["status"]
            isOneToOne: false
            referencedRelation: "application_statuses"
            referencedColumns: ["code"]
          },
          {
            foreignKeyName: "applications_unit_id_fkey"
            columns: ["unit_id"]
            isOneToOne: false
            referencedRelation: "units"
            referencedColumns: ["id"]
          },
        ]
      }
      complaint_stats: {
        Row: {
          accepted: number | null
          day: string | null
          instance: number | null
          kind: string | null
          overdue: number | null
          received: number | null
          resolved: number | null
          resolved_on_time: number | null
          unit_id: string | null
          withdrawn: number | null
          within_competence: number | null
        }
        Relationships: []
      }
      procedure_catalogue: {
        Row: {
          applicants_en: string | null
          applicants_vi: string | null
          check_note: string | null
          code: string | null
          documents: Json | null
          fee_amount: number | null
          fee_en: string | null
          fee_vi: string | null
          fields: Json | null
          legal_basis: string | null
          modes: string[] | null
          name_en: string | null
          name_vi: string | null
          national_code: string | null
          needs_check: boolean | null
          procedure_id: string | null
          processing_days: number | null
          processing_note_en: string | null
          processing_note_vi: string | null
          published_at: string | null
          result_en: string | null
          result_vi: string | null
          search_text: string | null
          sort: number | null
          summary_en: string | null
          summary_vi: string | null
          template_ref: string | null
          topic_code: string | null
          topic_name_en: string | null
          topic_name_vi: string | null
          version: number | null
          version_id: string | null
          where_en: string | null
          where_vi: string | null
        }
        Relationships: [
          {
            foreignKeyName: "procedures_topic_code_fkey"
            columns: ["topic_code"]
            isOneToOne: false
            referencedRelation: "procedure_topics"
            referencedColumns: ["code"]
          },
        ]
      }
      procedure_stats: {
        Row: {
          avg_processing_days: number | null
          completed_late: number | null
          completed_on_time: number | null
          day: string | null
          in_progress_on_time: number | null
          overdue: number | null
          processing_days_sum: number | null
          rating_avg: number | null
          rating_count: number | null
          rating_sum: number | null
          received_desk: number | null
          received_online: number | null
          received_total: number | null
          refused: number | null
          returned_for_documents: number | null
          unit_id: string | null
        }
        Relationships: []
      }
      reception_stats: {
        Row: {
          bookings: number | null
          cancelled: number | null
          cases: number | null
          day: string | null
          group_visits: number | null
          head_sessions: number | null
          head_visits: number | null
          no_shows: number | null
          outcome_forwarded: number | null
          outcome_guided: number | null
          outcome_received: number | null
          outcome_refused: number | null
          people: number | null
          unit_id: string | null
          visits: number | null
          walk_ins: number | null
        }
        Relationships: []
      }
    }
    Functions: {
      accept_application: {
        Args: { assign_to?: string; id: string }
        Returns: string
      }
      accept_complaint: {
        Args: { p_id: string; p_note?: string }
        Returns: string
      }
      add_application_documents_by_code: {
        Args: {
          code: string
          documents: Json
          draft_key: string
          secret: string
        }
        Returns: Json
      }
      add_complaint_documents_by_code: {
        Args: {
          code: string
          draft_key: string
          message?: string
          secret: string
        }
        Returns: Json
      }
      add_deadline_rule_version: {
        Args: {
          p_article: string
          p_day_unit: string
          p_legal_basis: string
          p_length_days: number
          p_note?: string
          p_rule_id: number
          p_source_url?: string
          p_valid_from: string
        }
        Returns: number
      }
      add_reception_closure: {
        Args: { p_day: string; p_reason: string; p_unit_id: string }
        Returns: Json
      }
      add_walk_in: { Args: { payload: Json }; Returns: Json }
      app_rate_limit: {
        Args: {
          p_bucket: string
          p_key: string
          p_max: number
          p_per_seconds: number
          p_weight?: number
        }
        Returns: boolean
      }
      appeal_complaint_by_code: {
        Args: {
          code: string
          draft_key?: string
          reasons: string
          received_on?: string
          secret: string
        }
        Returns: {
          accept_due: string
          complaint_id: string
          new_code: string
          new_secret: string
          unit_name: string
        }[]
      }
      apply_retention: { Args: { p_now?: string }; Returns: Json }
      approve_enforcement_report: {
        Args: { p_report_id: string }
        Returns: undefined
      }
      approve_procedure_version: { Args: { p_draft: string }; Returns: string }
      assign_application: {
        Args: { assignee: string; id: string }
        Returns: undefined
      }
      assign_complaint: {
        Args: { p_id: string; p_officer: string }
        Returns: undefined
      }
      book_reception: {
        Args: { idempotency_key?: string; payload: Json }
        Returns: Json
      }
      call_next_visitor: { Args: Record<PropertyKey, never>; Returns: Json }
      cancel_booking_by_code: {
        Args: { p_code: string; p_secret: string }
        Returns: Json
      }
      carry_out_erasure: { Args: { p_request_id: string }; Returns: undefined }
      catalogue_version: { Args: Record<PropertyKey, never>; Returns: number }
      check_application: { Args: { id: string }; Returns: undefined }
      check_in_booking: { Args: { p_code: string }; Returns: Json }
      claim_job_run: {
        Args: { p_key: string; p_name: string }
        Returns: boolean
      }
      claim_notifications: {
        Args: { n?: number; p_channels?: string[]; p_now?: string }
        Returns: {
          attempts: number
          channel: string
          claimed_until: string | null
          created_at: string
          dedupe_key: string | null
          delivered_at: string | null
          id: number
          lang: string
          last_error: string | null
          payload: NonNullable<Json>
          provider: string | null
          provider_ref: string | null
          recipient: string
          send_after: string
          sent_at: string | null
          status: string
          template: string
          unit_id: string | null
        }[]
        SetofOptions: {
          from: "*"
          to: "notifications"
          isOneToOne: false
          isSetofReturn: true
        }
      }
      claim_upload_quota: { Args: { p_bytes: number }; Returns: boolean }
      claim_webhook_deliveries: {
        Args: { p_limit?: number }
        Returns: {
          attempts: number
          id: string
          payload: Json
          secret: string
          url: string
        }[]
      }
      classify_complaint: {
        Args: {
          p_id: string
          p_in_competence: boolean
          p_kind: string
          p_note?: string
          p_subject: string
        }
        Returns: undefined
      }
      complaint_deadline:
        | {
            Args: {
              p_instance: number
              p_kind: string
              p_purpose: string
              p_start: string
              p_subject: string
            }
            Returns: string
          }
        | {
            Args: {
              p_act_on: string
              p_instance: number
              p_kind: string
              p_purpose: string
              p_start: string
              p_subject: string
            }
            Returns: string
          }
      complaint_duplicate_hints: {
        Args: { p_ids: string[] }
        Returns: {
          complaint_id: string
          other_code: string
          other_id: string
          reason: string
        }[]
      }
      complaint_filer_names: {
        Args: { p_ids: string[] }
        Returns: {
          complaint_id: string
          full_name: string
        }[]
      }
      complaint_resolution: {
        Args: { p_end: string; p_start: string; p_unit_id: string }
        Returns: {
          accepted: number
          carried_over: number
          duplicates: number
          kind: string
          rate_hundredths: number
          resolved: number
          resolved_on_time: number
          rounding: string
          row_kind: string
          to_resolve: number
          unaccepted_overdue: number
          unit_code: string
          unit_id: string
          unit_name: string
          withdrawn: number
        }[]
      }
      complaint_rules: {
        Args: { p_id: string }
        Returns: {
          act_on: string
          article: string
          confirmed_at: string
          day_unit: string
          is_checked: boolean
          law: string
          length_days: number
          purpose: string
          rule_id: number
          start_event: string
          valid_from: string
          valid_to: string
        }[]
      }
      confirm_deadline_rule: {
        Args: { p_rule_id: number; p_source: string }
        Returns: undefined
      }
      confirm_storage_deletions: { Args: { p_ids: number[] }; Returns: number }
      create_partner: {
        Args: { p_contact_email?: string; p_name: string }
        Returns: string
      }
      deadline_rule: {
        Args: {
          p_instance: number
          p_kind: string
          p_on: string
          p_purpose: string
          p_subject: string
        }
        Returns: {
          article: string | null
          confirmed_at: string | null
          confirmed_by: string | null
          day_unit: string
          id: number
          instance: number | null
          is_checked: boolean
          kind: string
          law: string | null
          legal_basis: string
          length_days: number
          max_times: number | null
          note: string | null
          purpose: string
          source_url: string | null
          start_event: string
          subject: string
          valid_from: string
          valid_to: string | null
        }[]
        SetofOptions: {
          from: "*"
          to: "deadline_rules"
          isOneToOne: false
          isSetofReturn: true
        }
      }
      enforcement_rollup: {
        Args: { p_month_index: number; p_unit_id: string; p_work_year: number }
        Returns: {
          bank_cases_finished: number
          bank_cases_with_conditions: number
          bank_money_finished: number
          bank_money_with_conditions: number
          budget_cases_finished: number
          budget_cases_with_conditions: number
          budget_money_finished: number
          budget_money_with_conditions: number
          cases_carried_over: number
          cases_entrusted_out: number
          cases_finished: number
          cases_in_progress: number
          cases_new: number
          cases_other: number
          cases_postponed: number
          cases_stayed: number
          cases_suspended: number
          cases_target: number
          cases_with_conditions: number
          cases_without_conditions: number
          corruption_cases_finished: number
          corruption_cases_with_conditions: number
          corruption_money_finished: number
          corruption_money_with_conditions: number
          money_carried_over: number
          money_entrusted_out: number
          money_finished: number
          money_in_progress: number
          money_new: number
          money_other: number
          money_postponed: number
          money_stayed: number
          money_suspended: number
          money_target: number
          money_with_conditions: number
          money_without_conditions: number
          reporting_units: number
          row_kind: string
          unit_code: string
          unit_id: string
          unit_level: string
          unit_name: string
        }[]
      }
      enforcement_series: {
        Args: { p_unit_id: string; p_work_year: number }
        Returns: {
          cases_finished: number
          cases_with_conditions: number
          money_finished: number
          money_with_conditions: number
          month_index: number
          reporting_units: number
          work_year: number
        }[]
      }
      exclude_complaint_officer: {
        Args: { p_id: string; p_officer: string; p_reason: string }
        Returns: undefined
      }
      extend_denunciation_deadline: {
        Args: { p_complexity: string; p_id: string; p_reason: string }
        Returns: string
      }
      extend_intake_check: {
        Args: { p_id: string; p_reason: string }
        Returns: string
      }
      find_complaints_by_party: { Args: { p_term: string }; Returns: string[] }
      finish_job_run: {
        Args: { p_error?: string; p_name: string }
        Returns: undefined
      }
      forward_complaint: {
        Args: { p_id: string; p_reason: string; p_to_unit: string }
        Returns: undefined
      }
      get_access_log_by_code: {
        Args: { code: string; secret: string }
        Returns: {
          opened_at: string
          role: string
          unit_name: string
          what: string
        }[]
      }
      get_application_apology_by_code: {
        Args: { code: string; secret: string }
        Returns: Json
      }
      get_application_by_code: {
        Args: { code: string; secret: string }
        Returns: Json
      }
      get_application_result_by_code: {
        Args: { code: string; secret: string }
        Returns: {
          bucket: string
          file_name: string
          mime_type: string
          path: string
        }[]
      }
      get_booking_by_code: {
        Args: { p_code: string; p_secret: string }
        Returns: Json
      }
      get_complaint_attachment_by_code: {
        Args: { attachment_id: string; code: string; secret: string }
        Returns: {
          bucket: string
          file_name: string
          mime_type: string
          path: string
        }[]
      }
      get_complaint_by_code: {
        Args: { code: string; secret: string }
        Returns: Json
      }
      get_complaint_parties: {
        Args: { p_id: string }
        Returns: {
          address_line: string | null
          authorisation: string | null
          cccd: string | null
          complaint_id: string
          email: string | null
          full_name: string
          id: string
          phone: string | null
          province: string | null
          role: string
          sort_order: number
          ward: string | null
        }[]
        SetofOptions: {
          from: "*"
          to: "complaint_parties"
          isOneToOne: false
          isSetofReturn: true
        }
      }
      get_my_data_by_code: {
        Args: { code: string; secret: string }
        Returns: Json
      }
      get_sealed_reception_visitor: {
        Args: { p_visit_id: string }
        Returns: Json
      }
      guide_complaint: {
        Args: { p_guidance: string; p_id: string }
        Returns: undefined
      }
      import_enforcement_reports: { Args: { p_rows: Json }; Returns: number }
      is_working_day: { Args: { d: string }; Returns: boolean }
      issue_partner_key: {
        Args: {
          p_label?: string
          p_partner_id: string
          p_rate_per_minute?: number
          p_scopes: string[]
        }
        Returns: {
          key: string
          key_id: string
          prefix: string
        }[]
      }
      list_deliveries: {
        Args: { p_limit?: number; p_status?: string; p_unit?: string }
        Returns: {
          attempts: number
          channel: string
          code: string
          created_at: string
          delivered_at: string
          history: Json
          id: number
          last_error: string
          provider: string
          recipient: string
          send_after: string
          sent_at: string
          status: string
          template: string
          unit_id: string
          unit_name: string
        }[]
      }
      list_job_runs: {
        Args: Record<PropertyKey, never>
        Returns: {
          finished_at: string
          last_error: string
          last_key: string
          name: string
          started_at: string
        }[]
      }
      list_reception_slots: {
        Args: { p_from: string; p_to: string; p_unit_id: string }
        Returns: {
          capacity: number
          day: string
          ends_at: string
          places_left: number
          starts_at: string
          with_head: boolean
        }[]
      }
      list_storage_deletions: {
        Args: { p_limit?: number }
        Returns: {
          bucket: string
          id: number
          path: string
        }[]
      }
      log_application_access: { Args: { p_id: string }; Returns: undefined }
      log_booking_access: { Args: { p_id: string }; Returns: undefined }
      log_complaint_access: { Args: { p_id: string }; Returns: undefined }
      managed_units: {
        Args: Record<PropertyKey, never>
        Returns: {
          code: string
          id: string
          level: string
          name: string
          parent_id: string
        }[]
      }
      mark_complaint_duplicate: {
        Args: { p_id: string; p_note?: string; p_of: string }
        Returns: undefined
      }
      mark_no_show: { Args: { p_booking_id: string }; Returns: Json }
      mark_notification: {
        Args: { error?: string; id: number; status: string }
        Returns: undefined
      }
      open_application_attachment: {
        Args: { p_attachment_id: string; p_id: string }
        Returns: {
          bucket: string
          file_name: string
          mime_type: string
          path: string
        }[]
      }
      opt_out_recipient: {
        Args: { p_channel: string; p_recipient: string }
        Returns: undefined
      }
      partner_key_check: {
        Args: { p_key: string }
        Returns: {
          key_id: string
          partner_id: string
          partner_name: string
          rate_per_minute: number
          revoked: boolean
          scopes: string[]
        }[]
      }
      partner_submit_application: {
        Args: { p_idempotency_key: string; p_key_id: string; p_payload: Json }
        Returns: Json
      }
      public_enforcement_by_province: {
        Args: { p_month_index: number; p_work_year: number }
        Returns: {
          cases_finished: number
          cases_target: number
          cases_to_enforce: number
          cases_with_conditions: number
          is_nationwide: boolean
          money_finished: number
          money_target: number
          money_to_enforce: number
          money_with_conditions: number
          province_name: string
          reporting_units: number
          unit_code: string
          unit_id: string
        }[]
      }
      public_enforcement_months: {
        Args: Record<PropertyKey, never>
        Returns: {
          month_index: number
          reporting_units: number
          work_year: number
        }[]
      }
      publish_procedure_version: {
        Args: { p_code: string; p_topic: string; version: Json }
        Returns: string
      }
      purge_rate_limits: { Args: Record<PropertyKey, never>; Returns: number }
      queue_booking_reminders: { Args: { p_now?: string }; Returns: number }
      queue_officer_digests: { Args: { p_now?: string }; Returns: number }
      rate_application_by_code: {
        Args: { code: string; comment?: string; rating: number; secret: string }
        Returns: boolean
      }
      record_apology_letter: {
        Args: {
          attachment_id?: string
          id: string
          new_due_date?: string
          reason: string
        }
        Returns: string
      }
      record_application_result: {
        Args: { attachment_id: string; id: string; note?: string }
        Returns: undefined
      }
      record_complaint_dialogue: {
        Args: { p_date: string; p_id: string; p_minutes: string }
        Returns: undefined
      }
      record_complaint_verification: {
        Args: { p_date: string; p_id: string; p_summary: string }
        Returns: undefined
      }
      record_notification_attempt: {
        Args: {
          p_error?: string
          p_id: number
          p_max_attempts?: number
          p_ms?: number
          p_now?: string
          p_ok: boolean
          p_permanent?: boolean
          p_provider_ref?: string
          p_sender?: string
        }
        Returns: string
      }
      record_notification_delivered: {
        Args: { p_at?: string; p_provider: string; p_ref: string }
        Returns: boolean
      }
      record_notification_delivery: {
        Args: {
          p_at?: string
          p_delivered: boolean
          p_error?: string
          p_id?: number
          p_provider: string
          p_ref: string
        }
        Returns: boolean
      }
      record_reception_visit: {
        Args: { p_booking_id: string; payload: Json }
        Returns: Json
      }
      record_webhook_attempt: {
        Args: {
          p_error: string
          p_id: string
          p_ok: boolean
          p_status_code: number
        }
        Returns: undefined
      }
      refuse_application: {
        Args: { id: string; reasons: string }
        Returns: undefined
      }
      register_desk_application: {
        Args: { payload: Json }
        Returns: {
          application_id: string
          code: string
          due_date: string
          secret: string
        }[]
      }
      remove_head_reception_day: { Args: { p_id: string }; Returns: Json }
      remove_reception_closure: { Args: { p_id: string }; Returns: Json }
      reopen_complaint_second_instance: {
        Args: { p_id: string; p_note?: string }
        Returns: string
      }
      request_application_documents: {
        Args: { due_by: string; id: string; what: string }
        Returns: undefined
      }
      request_complaint_info: {
        Args: { p_id: string; p_message: string }
        Returns: undefined
      }
      request_erasure_by_code: {
        Args: { code: string; reason?: string; secret: string }
        Returns: Json
      }
      reschedule_booking_by_code: {
        Args: { p_code: string; p_secret: string; p_starts_at: string }
        Returns: Json
      }
      resend_notification: { Args: { p_id: number }; Returns: undefined }
      resolve_complaint: {
        Args: {
          p_decision_attachment?: string
          p_id: string
          p_outcome: string
          p_summary: string
        }
        Returns: undefined
      }
      resolve_tracking_code: {
        Args: { code: string; secret: string }
        Returns: {
          kind: string
          ref_id: string
        }[]
      }
      return_application_result: {
        Args: { id: string; via: string }
        Returns: undefined
      }
      return_complaint: {
        Args: { p_id: string; p_reason: string }
        Returns: undefined
      }
      return_procedure_version: {
        Args: { p_draft: string; p_reason: string }
        Returns: undefined
      }
      revoke_partner_key: { Args: { p_key_id: string }; Returns: undefined }
      rls_catalog: {
        Args: Record<PropertyKey, never>
        Returns: {
          kind: string
          relation: string
          rls_enabled: boolean
          security_invoker: boolean
        }[]
      }
      run_scheduled_sql_jobs: { Args: { p_now?: string }; Returns: Json }
      save_enforcement_report: {
        Args: {
          p_figures: Json
          p_month: string
          p_note?: string
          p_unit_id: string
        }
        Returns: string
      }
      save_head_reception_day: {
        Args: {
          p_day: string
          p_end: string
          p_head_name?: string
          p_start: string
          p_unit_id: string
        }
        Returns: Json
      }
      save_reception_schedule: {
        Args: { p_rows: Json; p_unit_id: string }
        Returns: Json
      }
      set_client_address_key: { Args: { p_key: string }; Returns: undefined }
      set_decision_received_on: {
        Args: { p_date: string; p_id: string; p_note?: string }
        Returns: string
      }
      set_enforcement_target: {
        Args: {
          p_cases_target: number
          p_money_target: number
          p_unit_id: string
          p_work_year: number
        }
        Returns: undefined
      }
      set_partner_webhook: {
        Args: { p_partner_id: string; p_url: string }
        Returns: string
      }
      set_procedure_national_code: {
        Args: {
          p_code: string
          p_confirmed: boolean
          p_national_code: string
          p_source: string
        }
        Returns: undefined
      }
      set_stats_rounding: {
        Args: { p_note?: string; p_rounding: string; p_unit_id: string }
        Returns: undefined
      }
      staff_can_manage_unit: { Args: { p_unit: string }; Returns: boolean }
      staff_complaint_file: { Args: { p_id: string }; Returns: Json }
      staff_complaint_queue: {
        Args: {
          p_after_due?: string
          p_after_id?: string
          p_due?: string
          p_kind?: string
          p_limit?: number
          p_officer?: string
          p_q?: string
          p_status?: string
        }
        Returns: Json
      }
      staff_home_counts: { Args: Record<PropertyKey, never>; Returns: Json }
      staff_request_password_reset: {
        Args: { p_user_id: string }
        Returns: string
      }
      staff_role_options: {
        Args: Record<PropertyKey, never>
        Returns: string[]
      }
      staff_sign_in_check: {
        Args: { p_client: string; p_email: string }
        Returns: Json
      }
      staff_sign_in_record: {
        Args: { p_client: string; p_email: string; p_succeeded: boolean }
        Returns: undefined
      }
      start_reception: { Args: { p_booking_id: string }; Returns: Json }
      stats_activity: {
        Args: { p_end: string; p_start: string; p_unit_id: string }
        Returns: Json
      }
      submit_application: {
        Args: { idempotency_key: string; payload: Json }
        Returns: {
          application_id: string
          code: string
          due_date: string
          secret: string
        }[]
      }
      submit_complaint: {
        Args: { idempotency_key: string; payload: Json }
        Returns: {
          accept_due: string
          code: string
          complaint_id: string
          replayed: boolean
          secret: string
        }[]
      }
      submit_procedure_version: {
        Args: { p_code: string; p_topic: string; version: Json }
        Returns: string
      }
      subscribe_push: {
        Args: {
          p_code: string
          p_lang?: string
          p_secret: string
          p_subscription: Json
        }
        Returns: boolean
      }
      withdraw_complaint: {
        Args: { p_id: string; p_note?: string }
        Returns: undefined
      }
      withdraw_complaint_by_code: {
        Args: { code: string; reason?: string; secret: string }
        Returns: Json
      }
      working_days_add: { Args: { n: number; start: string }; Returns: string }
      working_days_between: { Args: { a: string; b: string }; Returns: number }
    }
    Enums: {
      application_status:
        | "submitted"
        | "checking"
        | "needs_documents"
        | "processing"
        | "result_ready"
        | "returned"
        | "refused"
      booking_status:
        | "booked"
        | "waiting"
        | "checked_in"
        | "in_progress"
        | "done"
        | "no_show"
        | "cancelled"
      complaint_kind: "complaint" | "denunciation" | "petition"
      complaint_status:
        | "received"
        | "accepted"
        | "verifying"
        | "dialogue"
        | "resolved"
        | "returned"
        | "guided"
        | "withdrawn"
      reception_topic: "khieu_nai" | "to_cao" | "kien_nghi" | "hoi_vu_viec"
    }
    CompositeTypes: {
      [_ in never]: never
    }
  }
}

type DatabaseWithoutInternals = Omit<Database, "__InternalSupabase">

type DefaultSchema = DatabaseWithoutInternals[Extract<keyof Database, "public">]

export type Tables<
  DefaultSchemaTableNameOrOptions extends
    | keyof (DefaultSchema["Tables"] & DefaultSchema["Views"])
    | { schema: keyof DatabaseWithoutInternals },
  TableName extends (DefaultSchemaTableNameOrOptions extends {
    schema: keyof DatabaseWithoutInternals
  }
    ? keyof (DatabaseWithoutInternals[DefaultSchemaTableNameOrOptions["schema"]]["Tables"] &
        DatabaseWithoutInternals[DefaultSchemaTableNameOrOptions["schema"]]["Views"])
    : never) = never,
> = DefaultSchemaTableNameOrOptions extends {
  schema: keyof DatabaseWithoutInternals
}
  ? (DatabaseWithoutInternals[DefaultSchemaTableNameOrOptions["schema"]]["Tables"] &
      DatabaseWithoutInternals[DefaultSchemaTableNameOrOptions["schema"]]["Views"])[TableName] extends {
      Row: infer R
    }
    ? R
    : never
  : DefaultSchemaTableNameOrOptions extends keyof (DefaultSchema["Tables"] &
        DefaultSchema["Views"])
    ? (DefaultSchema["Tables"] &
        DefaultSchema["Views"])[DefaultSchemaTableNameOrOptions] extends {
        Row: infer R
      }
      ? R
      : never
    : never

export type TablesInsert<
  DefaultSchemaTableNameOrOptions extends
    | keyof DefaultSchema["Tables"]
    | { schema: keyof DatabaseWithoutInternals },
  TableName extends (DefaultSchemaTableNameOrOptions extends {
    schema: keyof DatabaseWithoutInternals
  }
    ? keyof DatabaseWithoutInternals[DefaultSchemaTableNameOrOptions["schema"]]["Tables"]
    : never) = never,
> = DefaultSchemaTableNameOrOptions extends {
  schema: keyof DatabaseWithoutInternals
}
  ? DatabaseWithoutInternals[DefaultSchemaTableNameOrOptions["schema"]]["Tables"][TableName] extends {
      Insert: infer I
    }
    ? I
    : never
  : DefaultSchemaTableNameOrOptions extends keyof DefaultSchema["Tables"]
    ? DefaultSchema["Tables"][DefaultSchemaTableNameOrOptions] extends {
        Insert: infer I
      }
      ? I
      : never
    : never

export type TablesUpdate<
  DefaultSchemaTableNameOrOptions extends
    | keyof DefaultSchema["Tables"]
    | { schema: keyof DatabaseWithoutInternals },
  TableName extends (DefaultSchemaTableNameOrOptions extends {
    schema: keyof DatabaseWithoutInternals
  }
    ? keyof DatabaseWithoutInternals[DefaultSchemaTableNameOrOptions["schema"]]["Tables"]
    : never) = never,
> = DefaultSchemaTableNameOrOptions extends {
  schema: keyof DatabaseWithoutInternals
}
  ? DatabaseWithoutInternals[DefaultSchemaTableNameOrOptions["schema"]]["Tables"][TableName] extends {
      Update: infer U
    }
    ? U
    : never
  : DefaultSchemaTableNameOrOptions extends keyof DefaultSchema["Tables"]
    ? DefaultSchema["Tables"][DefaultSchemaTableNameOrOptions] extends {
        Update: infer U
      }
      ? U
      : never
    : never

export type Enums<
  DefaultSchemaEnumNameOrOptions extends
    | keyof DefaultSchema["Enums"]
    | { schema: keyof DatabaseWithoutInternals },
  EnumName extends (DefaultSchemaEnumNameOrOptions extends {
    schema: keyof DatabaseWithoutInternals
  }
    ? keyof DatabaseWithoutInternals[DefaultSchemaEnumNameOrOptions["schema"]]["Enums"]
    : never) = never,
> = DefaultSchemaEnumNameOrOptions extends {
  schema: keyof DatabaseWithoutInternals
}
  ? DatabaseWithoutInternals[DefaultSchemaEnumNameOrOptions["schema"]]["Enums"][EnumName]
  : DefaultSchemaEnumNameOrOptions extends keyof DefaultSchema["Enums"]
    ? DefaultSchema["Enums"][DefaultSchemaEnumNameOrOptions]
    : never

export type CompositeTypes<
  PublicCompositeTypeNameOrOptions extends
    | keyof DefaultSchema["CompositeTypes"]
    | { schema: keyof DatabaseWithoutInternals },
  CompositeTypeName extends (PublicCompositeTypeNameOrOptions extends {
    schema: keyof DatabaseWithoutInternals
  }
    ? keyof DatabaseWithoutInternals[PublicCompositeTypeNameOrOptions["schema"]]["CompositeTypes"]
    : never) = never,
> = PublicCompositeTypeNameOrOptions extends {
  schema: keyof DatabaseWithoutInternals
}
  ? DatabaseWithoutInternals[PublicCompositeTypeNameOrOptions["schema"]]["CompositeTypes"][CompositeTypeName]
  : PublicCompositeTypeNameOrOptions extends keyof DefaultSchema["CompositeTypes"]
    ? DefaultSchema["CompositeTypes"][PublicCompositeTypeNameOrOptions]
    : never

export const Constants = {
  public: {
    Enums: {
      application_status: [
        "submitted",
        "checking",
        "needs_documents",
        "processing",
        "result_ready",
        "returned",
        "refused",
      ],
      booking_status: [
        "booked",
        "waiting",
        "checked_in",
        "in_progress",
        "done",
        "no_show",
        "cancelled",
      ],
      complaint_kind: ["complaint", "denunciation", "petition"],
      complaint_status: [
        "received",
        "accepted",
        "verifying",
        "dialogue",
        "resolved",
        "returned",
        "guided",
        "withdrawn",
      ],
      reception_topic: ["khieu_nai", "to_cao", "kien_nghi", "hoi_vu_viec"],
    },
  },
} as const

