import { z } from "zod";

// The sign-in form's input, shared by the form action and the Credentials provider's authorize().

export const signInSchema = z.object({
  email: z
    .string()
    .trim()
    .toLowerCase()
    .min(1, "Please enter your email address")
    .max(254, "Email must be at most 254 characters")
    .email("Please enter a valid email address"),
  // The cap keeps an attacker from making argon2 hash megabytes; no minimum beyond "not empty"
  // because sign-in must not hint at the password rules.
  password: z.string().min(1, "Please enter your password").max(1024, "Password must be at most 1024 characters"),
});
export type SignInInput = z.infer<typeof signInSchema>;

/** Where to go after signing in: a path on this site only, never another origin. */
export const callbackPathSchema = z
  .string()
  .max(500)
  .regex(/^\/(?![/\\])[^\s]*$/, "Must be a path on this site")
  .catch("/dashboard");
