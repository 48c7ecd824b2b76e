/** Base64 of the bytes (the standard `toBase64` where the platform has it). */
export function toBase64(bytes: Uint8Array): string {
  const native = (bytes as { toBase64?: () => string }).toBase64
  if (native) return native.call(bytes)
  let binary = ''
  for (let i = 0; i < bytes.length; i += 0x8000) {
    binary += String.fromCharCode.apply(null, bytes.subarray(i, i + 0x8000) as unknown as number[])
  }
  return btoa(binary)
}

/** The bytes of base64 text; throws on anything else. */
export function fromBase64(text: unknown): Uint8Array {
  if (typeof text !== 'string') throw new TypeError('base64 text expected')
  const native = (Uint8Array as { fromBase64?: (text: string) => Uint8Array }).fromBase64
  if (native) return native(text)
  const binary = atob(text)
  const bytes = new Uint8Array(binary.length)
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i)
  return bytes
}
